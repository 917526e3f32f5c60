//! Placing the order: the agreement's acceptance first if the shopper has not activated (safe to
//! send again: it is idempotent), then the order, as a verified write (one key per order, replayed
//! when unanswered, looked up among the shopper's orders, unconfirmed with only "Check again").

use leptos::prelude::*;
use paylater_core::api::{
    ActivationRequest, Agreement, CreateOrderRequest, Eligibility, IdempotencyKey, Order, OrderFilter, PlanKind,
};
use paylater_core::client::ClientError;
use paylater_core::client::verified::{LOOKUP_PAGES, WriteChannel, find_in_pages};

use super::choices::Choices;
use crate::api::ApiClient;
use crate::components::offer::OrderInfo;
use crate::context::use_api;
use crate::hooks::read::UseReadReturn;
use crate::hooks::verified_write::{
    UseVerifiedWriteOptions, UseVerifiedWriteReturn, WriteLabels, WriteState, use_verified_write,
};
use crate::i18n::Key;

/// How an order travels: `POST /v1/orders`, found after an unanswered call among the shopper's
/// orders by the merchant's order id and amount.
#[derive(Clone)]
pub struct OrderChannel(pub ApiClient);

impl WriteChannel for OrderChannel {
    type Request = CreateOrderRequest;
    type Answer = Order;

    async fn send(&self, key: &IdempotencyKey, request: &CreateOrderRequest) -> Result<Order, ClientError> {
        self.0.create_order(key, request).await
    }

    async fn look_up(&self, request: &CreateOrderRequest) -> Option<Order> {
        let client = &self.0;
        let page = |page| async move {
            let list = client.orders(OrderFilter::All, &page).await?;
            Ok::<_, ClientError>((list.orders, list.next_cursor))
        };
        let same = |o: &Order| {
            o.order_id == request.order_id && o.merchant_id == request.merchant_id && o.amount == request.amount
        };
        find_in_pages(page, same, LOOKUP_PAGES).await
    }
}

/// The order being placed.
#[derive(Clone, Copy)]
pub struct PlaceOrder {
    /// Confirm: accepts the agreement if needed, then places the order.
    pub submit: Callback<Eligibility>,
    pub write: UseVerifiedWriteReturn<CreateOrderRequest, Order>,
    /// The agreement's acceptance is being sent.
    pub activating: RwSignal<bool>,
    /// The acceptance failed (nothing else was sent).
    pub activation_error: RwSignal<Option<ClientError>>,
}

/// Accepts the agreement, sent once more if unanswered (accepting is idempotent).
async fn activate(client: &ApiClient, version: String) -> Result<(), ClientError> {
    let request = ActivationRequest { agreement_version: version };
    match client.activate(&request).await {
        Err(e) if e.outcome_unknown() => client.activate(&request).await.map(drop),
        other => other.map(drop),
    }
}

pub fn use_place_order(
    order: Signal<OrderInfo>,
    choices: Choices,
    selected: Memo<Option<PlanKind>>,
    agreement: UseReadReturn<Option<Result<Agreement, ClientError>>>,
) -> PlaceOrder {
    let client = use_api();
    let write = use_verified_write(UseVerifiedWriteOptions {
        channel: OrderChannel(client.clone()),
        labels: WriteLabels {
            sending: Key::ConfirmBusy,
            verifying: Key::ConfirmVerifying,
            check_again: Key::ConfirmCheckAgain,
        },
    });
    let activating = RwSignal::new(false);
    let activation_error = RwSignal::new(None::<ClientError>);
    let client = StoredValue::new_local(client);
    let submit = Callback::new(move |eligibility: Eligibility| {
        if activating.get_untracked() || write.state.get_untracked() == WriteState::Sending {
            return;
        }
        let version = agreement.value.get_untracked().flatten().and_then(Result::ok).map(|a| a.version);
        let activate_first = eligibility.activation_required;
        if activate_first && (!choices.accepted.get_untracked() || version.is_none()) {
            choices.show_accept_error.set(true);
            return;
        }
        let Some(plan) = selected.get_untracked() else { return };
        let request = order.with_untracked(|o| CreateOrderRequest {
            merchant_id: o.merchant_id.clone(),
            order_id: o.order_id.clone(),
            amount: o.amount,
            plan,
        });
        activation_error.set(None);
        match version.filter(|_| activate_first) {
            None => write.submit.run(request),
            Some(version) => {
                activating.set(true);
                let client = client.get_value();
                leptos::task::spawn_local(async move {
                    let accepted = activate(&client, version).await;
                    activating.try_set(false);
                    match accepted {
                        Ok(()) => write.submit.run(request),
                        Err(e) => {
                            activation_error.try_set(Some(e));
                        }
                    }
                });
            }
        }
    });
    PlaceOrder { submit, write, activating, activation_error }
}

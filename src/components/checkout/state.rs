//! The checkout's state, in one place (a store and what derives from it), shared by its parts
//! through the context: the shopper's choices, the eligibility and agreement reads, the order
//! being placed, and where the checkout is.

use leptos::prelude::*;
use paylater_core::api::{Agreement, Eligibility, EligibilityRequest, PlanKind};
use paylater_core::client::ClientError;

pub use super::choices::Choices;
use super::order::{PlaceOrder, use_place_order};
pub use crate::components::offer::OrderInfo;
use crate::context::{track_refresh, use_api};
use crate::handover::{HandedOver, Handover};
use crate::hooks::read::{UseReadReturn, use_read};
use crate::hooks::verified_write::WriteState;

/// Where the checkout is, as `data-status` on its root and in the tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckoutStatus {
    Offer,
    Checking,
    Eligible,
    NotEligible,
    Confirming,
    /// The order call went unanswered: replaying it with the same key and looking it up.
    Verifying,
    /// Still no answer after that: the shopper can only check again (same key), never order twice.
    Unconfirmed,
    Confirmed,
    Failed,
}

impl CheckoutStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            CheckoutStatus::Offer => "offer",
            CheckoutStatus::Checking => "checking",
            CheckoutStatus::Eligible => "eligible",
            CheckoutStatus::NotEligible => "not-eligible",
            CheckoutStatus::Confirming => "confirming",
            CheckoutStatus::Verifying => "verifying",
            CheckoutStatus::Unconfirmed => "unconfirmed",
            CheckoutStatus::Confirmed => "confirmed",
            CheckoutStatus::Failed => "failed",
        }
    }
}

/// Everything the checkout's parts share (found with `expect_context::<CheckoutState>()`).
#[derive(Clone, Copy)]
pub struct CheckoutState {
    pub order: Signal<OrderInfo>,
    pub choices: Choices,
    /// `None` until pay later is chosen.
    pub eligibility: UseReadReturn<Option<Result<Eligibility, ClientError>>>,
    /// `None` unless the shopper must accept the agreement.
    pub agreement: UseReadReturn<Option<Result<Agreement, ClientError>>>,
    /// The plan in effect: the one picked if still on offer, else the first on offer.
    pub selected: Memo<Option<PlanKind>>,
    pub place: PlaceOrder,
    pub status: Memo<CheckoutStatus>,
    /// Move focus to the result once, after the shopper asked for it (not on every refresh).
    pub focus: StoredValue<bool>,
}

impl CheckoutState {
    /// The eligibility answer, once there is one.
    pub fn current(&self) -> Option<Result<Eligibility, ClientError>> {
        self.eligibility.value.get().flatten()
    }
}

pub fn use_checkout_state(order: Signal<OrderInfo>) -> CheckoutState {
    let client = use_api();
    // Handed over by the offer module on Pay later: pay later is chosen, its answer on its way.
    let handed = use_context::<HandedOver>().and_then(|h| h.take());
    let handed_over = handed.is_some();
    let early = StoredValue::new_local(handed);
    let choices = Choices::new(handed_over);
    let request = Memo::new(move |_| {
        choices.pay_later.get().then(|| {
            order.with(|o| EligibilityRequest {
                merchant_id: o.merchant_id.clone(),
                order_id: o.order_id.clone(),
                amount: o.amount,
            })
        })
    });
    let eligibility_client = client.clone();
    let eligibility = use_read(
        move || {
            track_refresh();
            request.get()
        },
        move |request| {
            let client = eligibility_client.clone();
            let early = request.as_ref().and_then(|r| {
                early.try_update_value(Option::take).flatten().and_then(|h: Handover| h.eligibility_for(r))
            });
            async move {
                match request {
                    Some(request) => Some(client.eligibility(&request, early).await),
                    None => None,
                }
            }
        },
    );
    let needs_agreement = Memo::new(
        move |_| matches!(eligibility.value.get().flatten(), Some(Ok(e)) if e.eligible && e.activation_required),
    );
    let agreement = use_read(
        move || {
            track_refresh();
            needs_agreement.get()
        },
        move |needed| {
            let client = client.clone();
            async move { if needed { Some(client.agreement().await) } else { None } }
        },
    );
    let selected = Memo::new(move |_| {
        let offered: Vec<PlanKind> = match eligibility.value.get().flatten() {
            Some(Ok(e)) if e.eligible => e.plans.iter().map(|s| s.plan).collect(),
            _ => return None,
        };
        choices.plan.get().filter(|p| offered.contains(p)).or_else(|| offered.first().copied())
    });
    let place = use_place_order(order, choices, selected, agreement);
    let status = Memo::new(move |_| match place.write.state.get() {
        WriteState::Done => CheckoutStatus::Confirmed,
        WriteState::Verifying => CheckoutStatus::Verifying,
        WriteState::Sending => CheckoutStatus::Confirming,
        _ if place.activating.get() => CheckoutStatus::Confirming,
        WriteState::Unconfirmed => CheckoutStatus::Unconfirmed,
        WriteState::Refused => CheckoutStatus::Failed,
        WriteState::Idle if place.activation_error.with(Option::is_some) => CheckoutStatus::Failed,
        WriteState::Idle if !choices.pay_later.get() => CheckoutStatus::Offer,
        WriteState::Idle => match eligibility.value.get().flatten() {
            None => CheckoutStatus::Checking,
            Some(Err(_)) => CheckoutStatus::Failed,
            Some(Ok(e)) if e.eligible => CheckoutStatus::Eligible,
            Some(Ok(_)) => CheckoutStatus::NotEligible,
        },
    });
    let state = CheckoutState {
        order,
        choices,
        eligibility,
        agreement,
        selected,
        place,
        status,
        focus: StoredValue::new(handed_over),
    };
    provide_context(state);
    state
}

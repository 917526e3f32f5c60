//! Checkout: 先享后付 / Pay later from the offer to a placed order.
//!
//! Offer → the shopper chooses pay later → eligibility from the API → not eligible: the reasons in
//! words and a way back to the merchant's other methods; eligible: the plans with the selected
//! plan's full schedule, the service agreement to accept if the shopper has not activated, and
//! Confirm → the order is authorized as a verified write (one key per order, never placed twice)
//! → placed, and followed until the merchant's server captures it.
//!
//! Its parts share one state ([`state::CheckoutState`], from the context): `offer`, `plans`,
//! `agreement`, `decline`, `order` (placing it), `confirmation` (following it).

mod agreement;
mod choices;
mod confirmation;
mod decline;
mod order;
mod plans;
pub mod state;

use leptos::prelude::*;
use paylater_core::api::Eligibility;

use self::agreement::AgreementConsent;
use self::confirmation::Confirmation;
use self::decline::Decline;
use self::plans::PlanPicker;
use self::state::{CheckoutState, use_checkout_state};
pub use self::state::{CheckoutStatus, OrderInfo};
use crate::components::offer::Offer;
use crate::context::{tr, use_locale};
use crate::errors::{Call, message_key};
use crate::events::ApprovedDetail;
use crate::events::{DeclinedDetail, ErrorDetail, WidgetEvent, emit};
use crate::hooks::verified_write::WriteState;
use crate::i18n::{Key, t};
use crate::ui::async_view::AsyncView;
use paylater_core::client::verified::WriteOutcome;

/// The checkout's stylesheets.
pub const STYLES: &[&str] = &[
    css!("src/components/checkout/plans.css"),
    css!("src/components/checkout/agreement.css"),
    css!("src/components/checkout/decline.css"),
];

/// What the live region says as the checkout moves (errors are announced where they show).
const fn announcement(status: CheckoutStatus) -> Option<Key> {
    match status {
        CheckoutStatus::Checking => Some(Key::CheckingLabel),
        CheckoutStatus::Confirming => Some(Key::ConfirmBusy),
        CheckoutStatus::Verifying => Some(Key::ConfirmVerifying),
        CheckoutStatus::NotEligible => Some(Key::DeclinedHeading),
        CheckoutStatus::Eligible => Some(Key::PlansLegend),
        CheckoutStatus::Offer | CheckoutStatus::Failed | CheckoutStatus::Unconfirmed | CheckoutStatus::Confirmed => {
            None
        }
    }
}

#[component]
pub fn Checkout(order: Signal<OrderInfo>) -> impl IntoView {
    let state = use_checkout_state(order);
    let locale = use_locale();
    let status = state.status;
    // Tell the merchant's page about declines, failures and approvals.
    Effect::new(move |_| match state.current() {
        Some(Ok(e)) if !e.eligible => order.with_untracked(|o| {
            let detail =
                DeclinedDetail { order_id: &o.order_id, reasons: &e.reasons, available_limit: &e.available_limit };
            emit(WidgetEvent::Declined, &detail);
        }),
        Some(Err(error)) => emit(WidgetEvent::Error, &ErrorDetail::new(Call::Eligibility, &error)),
        _ => {}
    });
    Effect::new(move |_| {
        if let Some(e) = state.place.activation_error.get() {
            emit(WidgetEvent::Error, &ErrorDetail::new(Call::Activation, &e));
        }
    });
    let notify_account = crate::context::account_changed_notifier();
    Effect::new(move |_| match state.place.write.outcome.get() {
        Some(WriteOutcome::Done(placed)) => {
            notify_account();
            let expires_at = paylater_core::rfc3339::format(placed.expires_at);
            let detail = ApprovedDetail {
                authorization_id: &placed.id,
                order_id: &placed.order_id,
                merchant_id: &placed.merchant_id,
                plan: placed.plan,
                amount: &placed.amount,
                status: placed.status,
                expires_at,
            };
            emit(WidgetEvent::Approved, &detail);
        }
        Some(WriteOutcome::Refused(error) | WriteOutcome::Unconfirmed(error)) => {
            emit(WidgetEvent::Error, &ErrorDetail::new(Call::Order, &error))
        }
        None => {}
    });
    let choose_pay_later = move |_| {
        state.focus.set_value(true);
        state.choices.pay_later.set(true);
    };
    let flow = move |e: Eligibility| {
        if e.eligible {
            view! { <EligibleFlow eligibility=e /> }.into_any()
        } else {
            view! { <Decline reasons=e.reasons available_limit=e.available_limit /> }.into_any()
        }
    };
    view! {
        <div class="plw-checkout" data-status=move || status.get().as_str()>
            <Offer order=order />
            <p class="plw-visually-hidden" role="status">
                {move || announcement(status.get()).map(|key| t(locale.get(), key))}
            </p>
            <Show
                when=move || state.choices.pay_later.get()
                fallback=move || {
                    view! {
                        <button
                            type="button"
                            class="plw-button plw-button--primary plw-button--block"
                            on:click=choose_pay_later
                        >
                            {tr(Key::OfferChoose)}
                        </button>
                    }
                }
            >
                <div class="plw-flow" aria-busy=move || (status.get() == CheckoutStatus::Checking).to_string()>
                    <AsyncView
                        state=Signal::derive(move || state.eligibility.value.get().flatten())
                        on_retry=Callback::new(move |_| state.eligibility.refetch.notify())
                        loading=Key::CheckingLabel
                        skeleton=true
                        loading_testid="checking"
                        children=flow
                    />
                </div>
            </Show>
        </div>
    }
}

/// Eligible: plans, the agreement if needed, and Confirm; then the placed order.
#[component]
fn EligibleFlow(eligibility: Eligibility) -> impl IntoView {
    let state = expect_context::<CheckoutState>();
    let write = state.place.write;
    let plans = eligibility.plans.clone();
    let activation_required = eligibility.activation_required;
    let eligibility = StoredValue::new(eligibility);
    let busy = Signal::derive(move || {
        state.place.activating.get() || matches!(write.state.get(), WriteState::Sending | WriteState::Verifying)
    });
    let error = move || {
        if busy.get() {
            return None;
        }
        if let Some(e) = state.place.activation_error.get() {
            return Some(message_key(Call::Activation, &e));
        }
        write.error.get().map(|e| message_key(Call::Order, &e))
    };
    move || match write.outcome.get() {
        Some(WriteOutcome::Done(order)) => view! { <Confirmation order=order /> }.into_any(),
        _ => view! {
            <PlanPicker plans=plans.clone() disabled=write.locked />
            {activation_required.then(|| view! { <AgreementConsent /> })}
            {move || {
                error()
                    .map(|key| {
                        view! {
                            <p class="plw-error" role="alert">
                                {tr(key)}
                            </p>
                        }
                    })
            }}
            <button
                type="button"
                class="plw-button plw-button--primary plw-button--block"
                disabled=move || busy.get()
                aria-busy=move || busy.get().to_string()
                on:click=move |_| {
                    state.focus.set_value(true);
                    state.place.submit.run(eligibility.get_value())
                }
            >
                {move || {
                    let key = if state.place.activating.get() {
                        Some(Key::ConfirmBusy)
                    } else {
                        write.busy_label.get()
                    };
                    tr(key.unwrap_or(Key::ConfirmButton))()
                }}
            </button>
        }
        .into_any(),
    }
}

//! Not eligible: every reason in words (the available limit when it is the limit), and a way
//! back to the merchant's other payment methods. Never a dead end, never a raw code.

use leptos::prelude::*;
use paylater_core::Money;
use paylater_core::api::IneligibleReason;

use super::state::CheckoutState;
use crate::context::{tr, use_locale};
use crate::events::{CloseDetail, CloseReason, WidgetEvent, emit};
use crate::format::reason_text;
use crate::i18n::Key;

#[component]
pub fn Decline(reasons: Vec<IneligibleReason>, available_limit: Money) -> impl IntoView {
    let state = expect_context::<CheckoutState>();
    let locale = use_locale();
    let heading = NodeRef::<leptos::html::H3>::new();
    heading.on_load(move |h| {
        if state.focus.get_value() {
            state.focus.set_value(false);
            let _ = h.focus();
        }
    });
    let other_method = move |_| {
        state.choices.pay_later.set(false);
        emit(WidgetEvent::Close, &CloseDetail { reason: CloseReason::OtherPaymentMethod });
    };
    view! {
        <div class="plw-panel plw-decline" data-testid="declined">
            <h3 class="plw-decline__heading" tabindex="-1" node_ref=heading>
                {tr(Key::DeclinedHeading)}
            </h3>
            <ul class="plw-decline__reasons">
                {reasons
                    .into_iter()
                    .map(|r| {
                        view! {
                            <li data-reason=r.as_str()>{move || reason_text(r, &available_limit, locale.get())}</li>
                        }
                    })
                    .collect_view()}
            </ul>
            <p class="plw-decline__hint">{tr(Key::DeclinedHint)}</p>
            <button type="button" class="plw-button plw-button--secondary plw-button--block" on:click=other_method>
                {tr(Key::DeclinedOtherMethod)}
            </button>
        </div>
    }
}

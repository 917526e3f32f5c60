//! The offer beside the order total: 先享后付 / Pay later, "from ¥117.78 / month" (the first payment
//! of the longest plan, computed from the amount, so it shows before any call), and "or pay in
//! full in 30 days, no fee".

use leptos::prelude::*;
use paylater_core::Policy;
use paylater_core::locale::format_money;
use paylater_core::plan::lowest_monthly_payment;

use super::state::CheckoutState;
use crate::context::{tr, use_locale, use_today};
use crate::i18n::{Key, t_with};

#[component]
pub fn Offer() -> impl IntoView {
    let state = expect_context::<CheckoutState>();
    let locale = use_locale();
    let today = use_today();
    let policy = Policy::default();
    let from_line = move || {
        let loc = locale.get();
        let amount = state.order.with(|o| o.amount);
        lowest_monthly_payment(amount, today, &policy)
            .map(|m| t_with(loc, Key::OfferFromPerMonth, &[("amount", &format_money(&m, loc))]))
    };
    view! {
        <div class="plw-offer">
            <div class="plw-offer__total">
                <span class="plw-offer__total-label">{tr(Key::OrderTotal)}</span>
                <strong class="plw-offer__total-amount" data-testid="order-total">
                    {move || state.order.with(|o| format_money(&o.amount, locale.get()))}
                </strong>
            </div>
            <div class="plw-offer__head">
                <span class="plw-offer__mark" aria-hidden="true">
                    "先"
                </span>
                <div>
                    <h2 class="plw-offer__title">{tr(Key::OfferTitle)}</h2>
                    <p class="plw-offer__subtitle">{tr(Key::OfferSubtitle)}</p>
                </div>
            </div>
            <p class="plw-offer__from" data-testid="offer-line">
                {from_line}
            </p>
            <p class="plw-offer__full">{tr(Key::OfferPayInFull)}</p>
        </div>
    }
}

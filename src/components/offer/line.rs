//! The offer beside the order total: 先享后付 / Pay later, "From ¥117.78 / month" and "or pay in
//! full in 30 days, no fee", as the provider offers them for this amount at this shop
//! (`GET /v1/offers`, usually already fetched by pay-later.js beside the module). The widget
//! prices nothing itself: while the offer is on its way, or if it cannot be had, the lines stay
//! empty (their room kept) and Pay later is there all the same.

use leptos::prelude::*;
use paylater_core::api::{Offer, PlanKind};
use paylater_core::locale::format_money;

use super::OrderInfo;
use crate::context::{tr, track_refresh, use_api, use_locale};
use crate::hooks::read::use_read;
use crate::i18n::{Key, t, t_with};

#[component]
pub fn Offer(
    /// The order the page is checking out.
    order: Signal<OrderInfo>,
) -> impl IntoView {
    let locale = use_locale();
    let client = use_api();
    let query = Memo::new(move |_| order.with(|o| (o.amount, o.merchant_id.clone())));
    let offer = use_read(
        move || {
            track_refresh();
            query.get()
        },
        move |(amount, merchant_id)| {
            let client = client.clone();
            async move { client.offer(&amount, &merchant_id).await.ok() }
        },
    )
    .value;
    // The offer of the amount shown: none while a changed amount's offer is on its way.
    let current = move || offer.get().flatten().filter(|o: &Offer| query.with(|(amount, _)| o.amount == *amount));
    let from_line = move || {
        let loc = locale.get();
        current()
            .and_then(|o| o.lowest_monthly_payment)
            .map(|m| t_with(loc, Key::OfferFromPerMonth, &[("amount", &format_money(&m, loc))]))
    };
    let pay_in_full = move || {
        current()
            .filter(|o| o.plans.iter().any(|p| p.plan == PlanKind::PayIn30Days && p.fee.is_zero()))
            .map(|_| t(locale.get(), Key::OfferPayInFull))
    };
    view! {
        <div class="plw-offer">
            <div class="plw-offer__total">
                <span class="plw-offer__total-label">{tr(Key::OrderTotal)}</span>
                <strong class="plw-offer__total-amount" data-testid="order-total">
                    {move || order.with(|o| format_money(&o.amount, locale.get()))}
                </strong>
            </div>
            <div class="plw-offer__head">
                // A block, not a literal: a wholly static element would be compiled into an HTML
                // string, and the parser built for those costs every module ~2 kB (vendor/README.md).
                <span class="plw-offer__mark" aria-hidden="true">
                    {"先"}
                </span>
                <div>
                    <h2 class="plw-offer__title">{tr(Key::OfferTitle)}</h2>
                    <p class="plw-offer__subtitle">{tr(Key::OfferSubtitle)}</p>
                </div>
            </div>
            <p class="plw-offer__from" data-testid="offer-line">
                {from_line}
            </p>
            <p class="plw-offer__full">{pay_in_full}</p>
        </div>
    }
}

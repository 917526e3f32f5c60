//! The offer beside the order total, and what a checkout page shows before the shopper touches
//! it. [`Offer`] is the line itself (the provider's figures), shown by the full checkout too;
//! [`OfferCheckout`] is the offer module's whole view: the line and **Pay later**, which starts
//! eligibility at once and shows the checkout, a part of the same module fetched on the click in
//! release builds (`offer-first`, crate::split), with that answer on its way (crate::handover);
//! meanwhile the same loading state the checkout shows while the plans are on their way.

mod line;

#[cfg(any(not(feature = "checkout"), feature = "offer-first"))]
use leptos::prelude::*;
use paylater_core::Money;
use paylater_core::api::{MerchantId, OrderId};

pub use self::line::Offer;

/// The checkout's frame and the offer's stylesheet.
pub const STYLES: &[&str] = &[css!("src/components/offer/offer.css")];

/// The order the merchant's page is checking out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderInfo {
    pub amount: Money,
    pub merchant_id: MerchantId,
    pub order_id: OrderId,
}

/// The offer module's checkout: the offer and Pay later, then the handover (with `offer-first`,
/// to the checkout part of this module, fetched on the click).
#[cfg(any(not(feature = "checkout"), feature = "offer-first"))]
#[component]
pub fn OfferCheckout(order: Signal<OrderInfo>) -> impl IntoView {
    use paylater_core::api::EligibilityRequest;

    use crate::context::{ApiHandle, HostHandle, tr};
    use crate::handover::Handover;
    #[cfg(not(feature = "offer-first"))]
    use crate::handover::request_checkout;
    use crate::i18n::Key;
    use crate::ui::async_view::Loading;

    let api = expect_context::<ApiHandle>();
    let host = expect_context::<HostHandle>();
    let (chosen, set_chosen) = signal(false);
    let (failed, set_failed) = signal(false);
    #[cfg(feature = "offer-first")]
    let (part, set_part) = signal(false);
    #[cfg(feature = "offer-first")]
    let _ = (host, set_failed);
    let choose = move |_| {
        #[cfg(feature = "test-hooks")]
        host.with_value(crate::test_hooks::crash_if_asked);
        set_chosen.set(true);
        let request = order.with_untracked(|o| EligibilityRequest {
            merchant_id: o.merchant_id.clone(),
            order_id: o.order_id.clone(),
            amount: o.amount,
        });
        let handover = api.with_value(|client| Handover::start(client, &request));
        #[cfg(feature = "offer-first")]
        {
            expect_context::<crate::handover::HandedOver>().put(handover);
            set_part.set(true);
        }
        #[cfg(not(feature = "offer-first"))]
        if !host.with_value(|host| request_checkout(host, &handover)) {
            web_sys::console::error_1(&"[pay-later] this widget was mounted without pay-later.js, which loads the checkout: include <script type=\"module\" src=\".../pay-later.js\"> and mount through it".into());
            set_failed.set(true);
        }
    };
    let offer = move || {
        view! {
            <div class="plw-checkout" data-status=move || if chosen.get() { "checking" } else { "offer" }>
                <Offer order=order />
                <p class="plw-visually-hidden" role="status">
                    {move || chosen.get().then(tr(Key::CheckingLabel))}
                </p>
                {move || {
                    if failed.get() {
                        view! {
                            <p class="plw-error" role="alert">
                                {tr(Key::NoticeOptionsBody)}
                            </p>
                        }
                            .into_any()
                    } else if chosen.get() {
                        view! {
                            <div class="plw-flow" aria-busy="true">
                                <Loading label=Key::CheckingLabel skeleton=true testid=Some("checking") />
                            </div>
                        }
                            .into_any()
                    } else {
                        view! {
                            <button
                                type="button"
                                class="plw-button plw-button--primary plw-button--block"
                                on:click=choose
                            >
                                {tr(Key::OfferChoose)}
                            </button>
                        }
                            .into_any()
                    }
                }}
            </div>
        }
    };
    #[cfg(not(feature = "offer-first"))]
    return offer();
    #[cfg(feature = "offer-first")]
    move || {
        if part.get() {
            crate::split::on_arrival(async move { crate::split::part!(checkout_flow_part(order)) }, offer).into_any()
        } else {
            offer().into_any()
        }
    }
}

/// The whole checkout from Pay later on: its own part of the offer module in release builds,
/// fetched on the click (crate::split), eligibility already on its way (crate::handover).
#[cfg(feature = "offer-first")]
#[cfg_attr(pay_later_split, wasm_split_helpers::wasm_split(checkout))]
fn checkout_flow_part(order: Signal<OrderInfo>) -> AnyView {
    view! { <crate::components::checkout::Checkout order=order /> }.into_any()
}

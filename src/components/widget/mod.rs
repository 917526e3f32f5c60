//! The top-level component: one per host element. Renders the checkout, the account or both, or a
//! notice when the merchant's options cannot work; says when the browser is offline.

use leptos::prelude::*;

use crate::context::{Online, tr, use_locale};
use crate::events::WidgetStatus;
use crate::i18n::{Key, t};
use crate::options::{OptionsError, WidgetOptions, WidgetView};
use crate::ui::notice::{Notice, NoticeKind};

#[component]
pub fn PayLaterWidget(
    /// The options, changeable without remounting.
    options: Signal<Result<WidgetOptions, OptionsError>>,
) -> impl IntoView {
    let locale = use_locale();
    let status = move || if options.with(Result::is_ok) { WidgetStatus::Ready } else { WidgetStatus::InvalidOptions };
    // Rendered once while the options stay valid, so an update of the amount re-renders in place.
    let valid = Memo::new(move |_| options.with(Result::is_ok));
    let label = move || {
        let bills_only = options.with(|o| o.as_ref().is_ok_and(|o| o.view == WidgetView::Bills));
        t(locale.get(), if bills_only { Key::ViewBillsLabel } else { Key::WidgetLabel })
    };
    let online = use_context::<Online>();
    let offline = move || {
        let offline = online.is_some_and(|o| !o.0.get());
        offline.then(|| {
            view! {
                <p class="plw-offline" role="status" data-testid="offline">
                    {tr(Key::OfflineNotice)}
                </p>
            }
        })
    };
    view! {
        <div
            class="plw-root"
            lang=move || locale.get().tag()
            data-status=move || status().as_str()
            role="region"
            aria-label=label
        >
            {offline}
            {move || {
                if valid.get() {
                    let view_of = options.with_untracked(|o| o.as_ref().map(|o| o.view).unwrap_or_default());
                    let checkout = matches!(view_of, WidgetView::Checkout | WidgetView::Both)
                        .then(|| checkout_part(options));
                    let bills = matches!(view_of, WidgetView::Bills | WidgetView::Both).then(account_part);
                    view! {
                        {checkout}
                        {bills}
                    }
                        .into_any()
                } else {
                    view! {
                        <Notice
                            kind=NoticeKind::Unavailable
                            title=Key::NoticeOptionsTitle
                            body=Key::NoticeOptionsBody
                        />
                    }
                        .into_any()
                }
            }}
        </div>
    }
}

/// The order the options describe (kept as it was while they are invalid).
#[cfg(feature = "offer")]
fn order_of(options: Signal<Result<WidgetOptions, OptionsError>>) -> Signal<crate::components::offer::OrderInfo> {
    use crate::components::offer::OrderInfo;
    use paylater_core::api::{MerchantId, OrderId};
    let order = Memo::new(move |previous: Option<&OrderInfo>| {
        options.with(|o| match o {
            Ok(o) => OrderInfo { amount: o.amount, merchant_id: o.merchant_id.clone(), order_id: o.order_id.clone() },
            Err(_) => previous.cloned().unwrap_or(OrderInfo {
                amount: paylater_core::Money::zero(paylater_core::Currency::CNY),
                merchant_id: MerchantId::default(),
                order_id: OrderId::default(),
            }),
        })
    });
    order.into()
}

/// The checkout, in a module built with it: the whole checkout.
#[cfg(all(feature = "checkout", not(feature = "offer-first")))]
fn checkout_part(options: Signal<Result<WidgetOptions, OptionsError>>) -> impl IntoView {
    view! { <crate::components::checkout::Checkout order=order_of(options) /> }
}

/// The offer module: the offer and Pay later, which hands over to the checkout module (or, with
/// `offer-first`, shows the checkout part of the same module).
#[cfg(any(all(feature = "offer", not(feature = "checkout")), feature = "offer-first"))]
fn checkout_part(options: Signal<Result<WidgetOptions, OptionsError>>) -> impl IntoView {
    view! { <crate::components::offer::OfferCheckout order=order_of(options) /> }
}

/// The account module (never asked for a checkout).
#[cfg(not(feature = "offer"))]
fn checkout_part(_options: Signal<Result<WidgetOptions, OptionsError>>) -> impl IntoView {}

/// The account (bills, records, early repayment), for a module built with it.
#[cfg(feature = "account")]
fn account_part() -> impl IntoView {
    view! { <crate::components::account::Bills /> }
}

/// In the checkout module, `view="both"` leaves a slot where `pay-later.js` puts the account
/// module's widget (a child of the host element), so the page shows the checkout then the bills.
#[cfg(not(feature = "account"))]
fn account_part() -> impl IntoView {
    view! { <slot name="account"></slot> }
}

//! The top-level component: one per host element. Renders the offer, or a notice when the
//! merchant's options cannot work.

use leptos::prelude::*;
use paylater_core::locale::Locale;
use paylater_core::time::Date;

use crate::components::bills::Bills;
use crate::components::checkout::{Checkout, OrderInfo};
use crate::components::notice::{Notice, NoticeKind};
use crate::i18n::{Key, t};
use crate::options::{OptionsError, WidgetOptions, WidgetView};

/// The widget's status, as the merchant's page and the tests see it (`data-status` on the root).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WidgetStatus {
    Ready,
    InvalidOptions,
}

impl WidgetStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            WidgetStatus::Ready => "ready",
            WidgetStatus::InvalidOptions => "invalid-options",
        }
    }
}

#[component]
pub fn PayLaterWidget(
    /// The options, changeable without remounting.
    options: Signal<Result<WidgetOptions, OptionsError>>,
    /// The shopper's language; kept apart from `options` so that a notice about a bad amount is
    /// still shown in the language the merchant asked for.
    locale: Signal<Locale>,
    /// Today in the shopper's time zone (the core never reads a clock).
    today: Date,
) -> impl IntoView {
    let status = move || match options.with(Result::is_ok) {
        true => WidgetStatus::Ready,
        false => WidgetStatus::InvalidOptions,
    };
    // Rendered once while the options stay valid, so an update of the amount re-renders in place.
    let valid = Memo::new(move |_| options.with(Result::is_ok));
    let order = Memo::new(move |previous: Option<&OrderInfo>| {
        options.with(|o| match o {
            Ok(o) => OrderInfo { amount: o.amount, merchant_id: o.merchant_id.clone(), order_id: o.order_id.clone() },
            Err(_) => previous.cloned().unwrap_or(OrderInfo {
                amount: paylater_core::Money::zero(paylater_core::Currency::CNY),
                merchant_id: String::new(),
                order_id: String::new(),
            }),
        })
    });
    view! {
        <div
            class="plw-root"
            lang=move || locale.get().tag()
            data-status=move || status().as_str()
            role="region"
            aria-label=move || {
                let bills_only = options.with(|o| o.as_ref().is_ok_and(|o| o.view == WidgetView::Bills));
                t(locale.get(), if bills_only { Key::ViewBillsLabel } else { Key::WidgetLabel })
            }
        >
            {move || {
                let offline = use_context::<crate::mount::Online>().is_some_and(|o| !o.0.get());
                offline.then(|| view! { <p class="plw-offline" role="status" data-testid="offline">{move || t(locale.get(), Key::OfflineNotice)}</p> })
            }}
            {move || if valid.get() {
                let view_of = options.with_untracked(|o| o.as_ref().map(|o| o.view).unwrap_or_default());
                let checkout = matches!(view_of, WidgetView::Checkout | WidgetView::Both)
                    .then(|| view! { <Checkout order=order.into() locale=locale today=today /> });
                let bills = matches!(view_of, WidgetView::Bills | WidgetView::Both).then(|| view! { <Bills locale=locale /> });
                view! { {checkout} {bills} }.into_any()
            } else {
                view! {
                    <Notice
                        kind=NoticeKind::Unavailable
                        title=Signal::derive(move || t(locale.get(), Key::NoticeOptionsTitle))
                        body=Signal::derive(move || t(locale.get(), Key::NoticeOptionsBody))
                    />
                }
                    .into_any()
            }}
        </div>
    }
}

//! The top-level component: one per host element. Renders the offer, or a notice when the
//! merchant's options cannot work.

use leptos::prelude::*;
use paylater_core::Policy;
use paylater_core::locale::Locale;
use paylater_core::time::Date;

use crate::components::checkout_offer::CheckoutOffer;
use crate::components::notice::{Notice, NoticeKind};
use crate::i18n::t;
use crate::options::{OptionsError, WidgetOptions};

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
    let policy = Policy::default();
    let status = move || match options.with(Result::is_ok) {
        true => WidgetStatus::Ready,
        false => WidgetStatus::InvalidOptions,
    };
    view! {
        <div
            class="plw-root"
            lang=move || locale.get().tag()
            data-status=move || status().as_str()
            role="region"
            aria-label=move || t(locale.get(), "widget.label")
        >
            {move || match options.get() {
                Ok(o) => {
                    let amount = Signal::derive(move || options.with(|o| o.as_ref().map(|o| o.amount).ok()).unwrap_or(o.amount));
                    view! { <CheckoutOffer amount=amount locale=locale today=today policy=policy.clone() /> }.into_any()
                }
                Err(_) => view! {
                    <Notice
                        kind=NoticeKind::Unavailable
                        title=Signal::derive(move || t(locale.get(), "notice.options_title"))
                        body=Signal::derive(move || t(locale.get(), "notice.options_body"))
                    />
                }.into_any(),
            }}
        </div>
    }
}

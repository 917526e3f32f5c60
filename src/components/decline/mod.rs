//! Not eligible: every reason in words (the available limit when it is the limit), and a way
//! back to the merchant's other payment methods. Never a dead end, never a raw code.

use leptos::prelude::*;
use paylater_core::Money;
use paylater_core::api::IneligibleReason;
use paylater_core::locale::{Locale, format_money};

use crate::i18n::{Key, t, t_with};

/// The sentence for one reason.
pub fn reason_text(reason: IneligibleReason, available_limit: &Money, locale: Locale) -> String {
    match reason {
        IneligibleReason::ScoreTooLow => t(locale, Key::ReasonScoreTooLow).to_owned(),
        IneligibleReason::LimitTooLow => {
            t_with(locale, Key::ReasonLimitTooLow, &[("available", &format_money(available_limit, locale))])
        }
        IneligibleReason::SeriouslyOverdue => t(locale, Key::ReasonSeriouslyOverdue).to_owned(),
        IneligibleReason::CurrencyNotSupported => t(locale, Key::ReasonCurrencyNotSupported).to_owned(),
    }
}

#[component]
pub fn Decline(
    reasons: Vec<IneligibleReason>,
    available_limit: Money,
    locale: Signal<Locale>,
    focus: StoredValue<bool>,
    on_other_method: Callback<()>,
) -> impl IntoView {
    let heading = NodeRef::<leptos::html::H3>::new();
    heading.on_load(move |h| {
        if focus.get_value() {
            focus.set_value(false);
            let _ = h.focus();
        }
    });
    let reasons = StoredValue::new(reasons);
    view! {
        <div class="plw-panel plw-decline" data-testid="declined">
            <h3 class="plw-decline__heading" tabindex="-1" node_ref=heading>{move || t(locale.get(), Key::DeclinedHeading)}</h3>
            <ul class="plw-decline__reasons">
                {move || {
                    let loc = locale.get();
                    reasons
                        .get_value()
                        .into_iter()
                        .map(|r| view! { <li data-reason=format!("{r:?}")>{reason_text(r, &available_limit, loc)}</li> })
                        .collect_view()
                }}
            </ul>
            <p class="plw-decline__hint">{move || t(locale.get(), Key::DeclinedHint)}</p>
            <button type="button" class="plw-button plw-button--secondary plw-button--block" on:click=move |_| on_other_method.run(())>
                {move || t(locale.get(), Key::DeclinedOtherMethod)}
            </button>
        </div>
    }
}

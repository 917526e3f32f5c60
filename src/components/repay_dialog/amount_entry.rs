//! Another amount: the field where the shopper types it, read by the core's rule
//! (`paylater_core::typed_amount`) and refused in words before any call, with the most that can
//! be repaid (what settles the bill: the provider's settle quote). The amount is quoted only when
//! the shopper asks (the button, or Enter), and typing again withdraws that quote, so Pay never
//! shows an amount other than the one in the field.

use leptos::prelude::*;
use paylater_core::locale::format_money;
use paylater_core::{Currency, Money, TypedAmountError, typed_amount};

use crate::context::use_locale;
use crate::i18n::{Key, t, t_with};

/// The field's id, and its hint's and message's (one repayment dialog is open at a time).
const FIELD: &str = "plw-repay-amount";

#[component]
pub fn AmountEntry(
    currency: Currency,
    /// What settles the bill today (the provider's settle quote), once known.
    #[prop(into)]
    limit: Signal<Option<Money>>,
    /// The amount to quote: set when the shopper asks with an amount the rule accepts.
    applied: RwSignal<Option<Money>>,
    #[prop(into)] disabled: Signal<bool>,
) -> impl IntoView {
    let locale = use_locale();
    let text = RwSignal::new(applied.get_untracked().map(|m| m.amount_string()).unwrap_or_default());
    let problem = RwSignal::new(None::<TypedAmountError>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match typed_amount(&text.get_untracked(), currency, limit.get_untracked().as_ref()) {
            Ok(amount) => {
                problem.set(None);
                applied.set(Some(amount));
            }
            Err(e) => {
                problem.set(Some(e));
                applied.set(None);
            }
        }
    };
    let message = move || {
        let loc = locale.get();
        problem.get().map(|e| match e {
            TypedAmountError::Empty => t(loc, Key::RepayAmountEmpty).to_owned(),
            TypedAmountError::NotANumber => t(loc, Key::RepayAmountInvalid).to_owned(),
            TypedAmountError::NotPositive => t(loc, Key::RepayAmountNotPositive).to_owned(),
            TypedAmountError::TooManyDecimals { digits: 0 } => t(loc, Key::RepayAmountWhole).to_owned(),
            TypedAmountError::TooManyDecimals { digits } => {
                t_with(loc, Key::RepayAmountDecimals, &[("digits", &digits.to_string())])
            }
            TypedAmountError::MoreThan { limit } => {
                t_with(loc, Key::RepayAmountTooMuch, &[("amount", &format_money(&limit, loc))])
            }
        })
    };
    let hint = move || {
        let loc = locale.get();
        limit.get().map(|l| t_with(loc, Key::RepayAmountHint, &[("amount", &format_money(&l, loc))]))
    };
    view! {
        <form class="plw-amount-entry" novalidate on:submit=submit>
            <label class="plw-amount-entry__label" for=FIELD>
                {move || t(locale.get(), Key::RepayAmountLabel)}
            </label>
            <div class="plw-amount-entry__row">
                <input
                    id=FIELD
                    class="plw-amount-entry__input"
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    enterkeyhint="done"
                    aria-describedby="plw-repay-amount-hint plw-repay-amount-error"
                    aria-invalid=move || problem.get().is_some().to_string()
                    disabled=move || disabled.get()
                    prop:value=move || text.get()
                    on:input=move |ev| {
                        text.set(event_target_value(&ev));
                        problem.set(None);
                        applied.set(None);
                    }
                />
                <button type="submit" class="plw-button" disabled=move || disabled.get()>
                    {move || t(locale.get(), Key::RepayAmountApply)}
                </button>
            </div>
            <p id="plw-repay-amount-hint" class="plw-muted">
                {hint}
            </p>
            <p id="plw-repay-amount-error" class="plw-error" role="alert" data-testid="amount-error">
                {message}
            </p>
            <p class="plw-muted">{move || t(locale.get(), Key::RepayAmountRule)}</p>
        </form>
    }
}

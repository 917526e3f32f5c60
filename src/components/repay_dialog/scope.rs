//! What to repay: the next installment (its number and due date), settling the whole bill, or
//! another amount (typed in [`super::amount_entry`]).

use leptos::prelude::*;
use paylater_core::api::{Bill, QuoteScope};
use paylater_core::locale::format_date;

use crate::context::use_locale;
use crate::i18n::{Key, t, t_with};
use crate::ui::radio_card::{RadioCard, RadioGroup};

#[component]
pub fn ScopeChoice(
    bill: StoredValue<Bill>,
    scope: RwSignal<QuoteScope>,
    #[prop(into)] disabled: Signal<bool>,
    on_change: Callback<()>,
) -> impl IntoView {
    let locale = use_locale();
    let label = move |value: QuoteScope| {
        Signal::derive(move || {
            let loc = locale.get();
            bill.with_value(|b| match value {
                QuoteScope::NextInstallment => {
                    let next = b.next_due.as_ref();
                    let n = next.map_or(1, |n| n.installment_number).to_string();
                    let count = b.installments.len().to_string();
                    let mut text = t_with(loc, Key::RepayScopeNext, &[("n", &n), ("count", &count)]);
                    if let Some(next) = next {
                        text.push_str(&format!(" · {}", format_date(next.due_date, loc)));
                    }
                    text
                }
                QuoteScope::Settle => t(loc, Key::RepayScopeSettle).to_owned(),
                QuoteScope::Amount => t(loc, Key::RepayScopeAmount).to_owned(),
            })
        })
    };
    let option = move |value: QuoteScope, name: &'static str| {
        view! {
            <RadioCard
                group="plw-repay-scope"
                value=name
                checked=Signal::derive(move || scope.get() == value)
                on_select=Callback::new(move |_| {
                    scope.set(value);
                    on_change.run(());
                })
                name=label(value)
            />
        }
    };
    view! {
        <RadioGroup legend=Signal::derive(move || t(locale.get(), Key::RepayScopeLegend).to_owned()) disabled=disabled>
            {option(QuoteScope::NextInstallment, "next_installment")}
            {option(QuoteScope::Settle, "settle")}
            {option(QuoteScope::Amount, "amount")}
        </RadioGroup>
    }
}

//! The quote: what the amount is made of (principal, fees, late interest, fees waived, total),
//! what it pays on each installment (for another amount: which are paid off, which lowered, with
//! the fee waived), and until when it holds; a note when it was refreshed because the last one
//! expired. Every figure is the quote's.

use leptos::prelude::*;
use paylater_core::Money;
use paylater_core::api::{Quote, QuoteLine, QuoteScope};
use paylater_core::locale::{format_money, format_time};

use crate::context::use_locale;
use crate::i18n::{Key, t_with};
use crate::ui::amount_list::{AmountList, AmountRow};
use crate::ui::notice::InlineNote;

#[component]
pub fn Breakdown(quote: Quote, #[prop(into)] refreshed: Signal<bool>) -> impl IntoView {
    let locale = use_locale();
    let b = quote.breakdown.clone();
    let row = move |key: Key, amount: Money, testid: &'static str| {
        view! {
            <AmountRow label=key testid=testid>
                {move || format_money(&amount, locale.get())}
            </AmountRow>
        }
    };
    let expires_at = quote.expires_at;
    let holds = move || {
        let time = format_time(expires_at);
        t_with(locale.get(), Key::RepayHoldsUntil, &[("time", &time)])
    };
    view! {
        {move || refreshed.get().then(|| view! { <InlineNote text=Key::RepayRefreshed testid="quote-refreshed" /> })}
        <AmountList attr:data-testid="breakdown" attr:data-quote-id=quote.id.to_string()>
            {row(Key::RepayBreakdownPrincipal, b.principal, "quote-principal")}
            {row(Key::RepayBreakdownFees, b.fees, "quote-fees")}
            {row(Key::RepayBreakdownLateInterest, b.late_interest, "quote-late-interest")}
            {row(Key::RepayBreakdownFeesWaived, b.fees_waived, "quote-fees-waived")}
            <AmountRow label=Key::RepayBreakdownTotal total=true testid="quote-total">
                {move || format_money(&b.total, locale.get())}
            </AmountRow>
        </AmountList>
        {(quote.scope == QuoteScope::Amount).then(|| view! { <QuoteLines lines=quote.lines.clone() /> })}
        <p class="plw-muted">{holds}</p>
    }
}

/// What a repayment of another amount pays on each installment, as the quote says.
#[component]
fn QuoteLines(lines: Vec<QuoteLine>) -> impl IntoView {
    let locale = use_locale();
    let line = move |l: QuoteLine| {
        let text = move || {
            let loc = locale.get();
            let amount = format_money(&l.amount, loc);
            let n = l.installment.to_string();
            let key = if l.paid_off { Key::RepayLinePaidOff } else { Key::RepayLinePart };
            let mut text = t_with(loc, key, &[("n", &n), ("amount", &amount)]);
            if !l.fee_waived.is_zero() {
                let waived = format_money(&l.fee_waived, loc);
                text.push_str(" · ");
                text.push_str(&t_with(loc, Key::RepayLineWaived, &[("amount", &waived)]));
            }
            text
        };
        view! { <li>{text}</li> }
    };
    view! {
        <p class="plw-amount-entry__label">{move || crate::i18n::t(locale.get(), Key::RepayLinesTitle)}</p>
        <ul class="plw-quote-lines" data-testid="quote-lines">
            {lines.into_iter().map(line).collect_view()}
        </ul>
    }
}

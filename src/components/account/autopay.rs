//! Autopay on a bill (自动还款), on its card: what it charges and when ("Autopay on · card ••••
//! 1234 · next ¥x on date"), and each charge the method could not cover, with what to do. Its
//! settings are in the bill's plan (`autopay_panel`).

use leptos::prelude::*;
use paylater_core::api::Bill;
use paylater_core::locale::{format_date, format_money};

use crate::context::use_locale;
use crate::format::method_label;
use crate::i18n::{Key, t_with};

#[component]
pub fn AutopayStatus(bill: StoredValue<Bill>) -> impl IntoView {
    let locale = use_locale();
    let on = move || {
        let loc = locale.get();
        bill.with_value(|b| {
            let (autopay, next) = (b.autopay.as_ref()?, b.next_due.as_ref()?);
            let method = method_label(&autopay.payment_method_label, autopay.last4.as_deref(), loc);
            let (amount, date) = (format_money(&next.amount, loc), format_date(next.due_date, loc));
            Some(t_with(loc, Key::BillAutopayOn, &[("method", &method), ("amount", &amount), ("date", &date)]))
        })
    };
    let failed = move || {
        let loc = locale.get();
        bill.with_value(|b| {
            let method = b.autopay.as_ref().map(|a| a.payment_method_label.clone()).unwrap_or_default();
            b.installments
                .iter()
                .filter(|i| i.autopay_failed)
                .map(|i| {
                    let (n, date) = (i.number.to_string(), format_date(i.due_date, loc));
                    t_with(loc, Key::BillAutopayFailed, &[("n", &n), ("date", &date), ("method", &method)])
                })
                .map(|text| view! { <p class="plw-bill__autopay-failed">{text}</p> })
                .collect_view()
        })
    };
    view! {
        <p class="plw-bill__autopay" data-testid="bill-autopay">
            {on}
        </p>
        {failed}
    }
}

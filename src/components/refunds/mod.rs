//! The merchants' refunds as the shopper sees them: on a bill (its own refunds) and in the records
//! (all of them, newest first). Each says how much was refunded, how much less is owed, and what
//! went back to which payment method.

use leptos::prelude::*;
use paylater_core::api::{BillRefund, PageRequest};
use paylater_core::locale::{Locale, format_date_time, format_money};

use crate::api::{ApiHandle, RefreshSignal};
use crate::components::notice::RetryError;
use crate::components::records::local_offset;
use crate::i18n::{Key, t, t_with};

/// One refund, as a list item.
fn refund_item(r: BillRefund, loc: Locale, of_bill: bool) -> impl IntoView {
    let money = |m: &paylater_core::Money| format_money(m, loc);
    let when = format_date_time(r.refunded_at, local_offset(), loc);
    let bill_line =
        (!of_bill).then(|| t_with(loc, Key::RepayBill, &[("merchant", &r.merchant_name), ("order", &r.order_id)]));
    let owed =
        (!r.owed_reduced.is_zero()).then(|| t_with(loc, Key::RefundsOwed, &[("amount", &money(&r.owed_reduced))]));
    let back: Vec<String> = r
        .paid_back_to
        .iter()
        .map(|p| t_with(loc, Key::RefundsBack, &[("amount", &money(&p.amount)), ("method", &p.payment_method_label)]))
        .collect();
    let reason = r.reason.as_ref().map(|reason| t_with(loc, Key::RefundsReason, &[("reason", reason)]));
    view! {
        <li class="plw-record plw-record--refund" data-refund-id=r.id.clone()>
            <div class="plw-record__main">
                <strong class="plw-record__amount">{t_with(loc, Key::RefundsAmount, &[("amount", &money(&r.amount))])}</strong>
                <span class="plw-record__time">{when}</span>
            </div>
            {bill_line.map(|line| view! { <p class="plw-record__meta">{line}</p> })}
            {owed.map(|line| view! { <p class="plw-record__meta">{line}</p> })}
            {back.into_iter().map(|line| view! { <p class="plw-record__meta">{line}</p> }).collect_view()}
            {reason.map(|line| view! { <p class="plw-record__meta">{line}</p> })}
        </li>
    }
}

/// A bill's own refunds (nothing when it has none).
#[component]
pub fn BillRefunds(refunds: Vec<BillRefund>, locale: Signal<Locale>) -> impl IntoView {
    (!refunds.is_empty()).then(|| {
        let refunds = StoredValue::new(refunds);
        view! {
            <section class="plw-records" data-testid="bill-refunds">
                <h4 class="plw-records__heading">{move || t(locale.get(), Key::RefundsBillHeading)}</h4>
                <ul class="plw-records__list">
                    {move || {
                        let loc = locale.get();
                        refunds.get_value().into_iter().rev().map(|r| refund_item(r, loc, true)).collect_view()
                    }}
                </ul>
            </section>
        }
    })
}

/// Every refund of the shopper's bills, newest first (the first page; shown only when there is one).
#[component]
pub fn AllRefunds(locale: Signal<Locale>) -> impl IntoView {
    let api = expect_context::<ApiHandle>();
    let refresh = use_context::<RefreshSignal>();
    let account = use_context::<crate::api::AccountChanged>();
    let refunds = LocalResource::new(move || {
        if let Some(refresh) = refresh {
            refresh.track();
        }
        if let Some(account) = account {
            account.0.track();
        }
        let client = api.get_value();
        async move { client.refunds(None, &PageRequest::first(crate::components::bills::PAGE_SIZE)).await }
    });
    let body = move || {
        let loc = locale.get();
        match refunds.get()? {
            Err(e) => Some(
                view! {
                    <RetryError error=e locale=locale on_retry=Callback::new(move |_| refunds.refetch()) testid="refunds-error" />
                }
                .into_any(),
            ),
            Ok(list) if list.refunds.is_empty() => None,
            Ok(list) => Some(
                view! {
                    <section class="plw-records" data-testid="refunds">
                        <h3 class="plw-records__heading">{t(loc, Key::RefundsHeading)}</h3>
                        <ul class="plw-records__list">
                            {list.refunds.into_iter().map(|r| refund_item(r, loc, false)).collect_view()}
                        </ul>
                    </section>
                }
                .into_any(),
            ),
        }
    };
    view! { {body} }
}

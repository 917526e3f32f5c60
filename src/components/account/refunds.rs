//! The merchants' refunds as the shopper sees them: on a bill (its own) and after the records (all
//! of them, newest first). Each says how much was refunded, how much less is owed, and what went
//! back to which payment method. The list of all is a part of the module fetched when there are
//! some (most shoppers have none).

use leptos::prelude::*;
use paylater_core::api::{BillRefund, PageRequest};
use paylater_core::locale::{format_date_time, format_money};

use crate::context::{tr, track_account_changes, use_api, use_locale};
use crate::hooks::paged_list::PAGE_SIZE;
use crate::hooks::read::use_read;
use crate::i18n::{Key, t_with};
use crate::split::{on_arrival, part};
use crate::ui::async_view::AsyncView;

#[component]
fn Refund(refund: BillRefund, of_bill: bool) -> impl IntoView {
    let locale = use_locale();
    let r = StoredValue::new(refund);
    let lines = move || {
        let loc = locale.get();
        r.with_value(|r| {
            let money = |m: &paylater_core::Money| format_money(m, loc);
            let mut lines = Vec::new();
            if !of_bill {
                lines.push(t_with(loc, Key::RepayBill, &[("merchant", &r.merchant_name), ("order", &r.order_id)]));
            }
            if !r.owed_reduced.is_zero() {
                lines.push(t_with(loc, Key::RefundsOwed, &[("amount", &money(&r.owed_reduced))]));
            }
            for back in &r.paid_back_to {
                let amount = money(&back.amount);
                lines.push(t_with(
                    loc,
                    Key::RefundsBack,
                    &[("amount", &amount), ("method", &back.payment_method_label)],
                ));
            }
            if let Some(reason) = &r.reason {
                lines.push(t_with(loc, Key::RefundsReason, &[("reason", reason)]));
            }
            lines
        })
    };
    view! {
        <li class="plw-record plw-record--refund" data-refund-id=r.with_value(|r| r.id.clone())>
            <div class="plw-record__main">
                <strong class="plw-record__amount">
                    {move || {
                        r.with_value(|r| t_with(
                            locale.get(),
                            Key::RefundsAmount,
                            &[("amount", &format_money(&r.amount, locale.get()))],
                        ))
                    }}
                </strong>
                <span class="plw-record__time">
                    {move || r.with_value(|r| format_date_time(r.refunded_at, r.refunded_at.offset(), locale.get()))}
                </span>
            </div>
            {move || lines().into_iter().map(|line| view! { <p class="plw-record__meta">{line}</p> }).collect_view()}
        </li>
    }
}

/// A bill's own refunds (nothing when it has none), newest first.
#[component]
pub fn BillRefunds(refunds: Vec<BillRefund>) -> impl IntoView {
    (!refunds.is_empty()).then(|| {
        view! {
            <section class="plw-records" data-testid="bill-refunds">
                <h4 class="plw-records__heading">{tr(Key::RefundsBillHeading)}</h4>
                <ul class="plw-records__list">
                    {refunds.into_iter().rev().map(|r| view! { <Refund refund=r of_bill=true /> }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// Every refund of the shopper's bills, newest first (the first page), when there is one.
#[component]
pub fn AllRefunds() -> impl IntoView {
    let client = use_api();
    let refunds = use_read(track_account_changes, move |()| {
        let client = client.clone();
        async move { client.refunds(None, &PageRequest::first(PAGE_SIZE)).await.map(|l| l.refunds) }
    });
    // Most shoppers have none: the list is a part of the module, fetched when there are some.
    let list = move |refunds: Vec<BillRefund>| {
        (!refunds.is_empty()).then(|| on_arrival(async move { part!(refunds_part(refunds)) }, || ()))
    };
    view! {
        <AsyncView
            state=Signal::derive(move || refunds.value.get())
            on_retry=Callback::new(move |_| refunds.refetch.notify())
            loading=Key::RecordsLoading
            quiet=true
            error_testid="refunds-error"
            children=list
        />
    }
}

/// Every refund, newest first: its own part of the module in release builds (crate::split).
#[cfg_attr(pay_later_split, wasm_split_helpers::wasm_split(refunds))]
fn refunds_part(refunds: Vec<BillRefund>) -> AnyView {
    view! {
        <section class="plw-records" data-testid="refunds">
            <h3 class="plw-records__heading">{tr(Key::RefundsHeading)}</h3>
            <ul class="plw-records__list">
                <For each=move || refunds.clone() key=|r| r.id.clone() let:refund>
                    <Refund refund=refund of_bill=false />
                </For>
            </ul>
        </section>
    }
    .into_any()
}

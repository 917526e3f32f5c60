//! One bill in the list: merchant and order, plan, status in words, what is due next, what is left,
//! what the shop refunded; its repayment plan (opened in place) and "Repay early".

use leptos::prelude::*;
use paylater_core::api::{Bill, BillStatus};
use paylater_core::locale::{format_date, format_money};
use wasm_bindgen::JsCast;

use super::autopay::AutopayStatus;
use super::bill_detail::BillDetail;
use crate::context::{tr, use_locale};
use crate::format::{
    annual_rate_text, bill_status_class, bill_status_text, dom_id, late_interest_rate_text, plan_name,
};
use crate::i18n::{Key, t_with};
use crate::split::{on_arrival, part};
use crate::ui::async_view::Loading;
use crate::ui::badge::Badge;

#[component]
pub fn BillCard(
    bill: Bill,
    /// The bill whose plan is open.
    expanded: RwSignal<Option<paylater_core::api::BillId>>,
    on_repay: Callback<Bill>,
    /// The bill as the provider answered a change to it (autopay on or off).
    on_bill: Callback<Bill>,
) -> impl IntoView {
    let locale = use_locale();
    let heading_id = dom_id("plw-bill", &bill.id);
    let plan_id = dom_id("plw-bill-plan", &bill.id);
    let id = bill.id.clone();
    let is_open = Memo::new(move |_| expanded.get().as_ref() == Some(&id));
    let toggle_id = bill.id.clone();
    let closed = matches!(bill.status, BillStatus::Settled | BillStatus::Refunded);
    let tone = bill_status_class(bill.status);
    let refunded = (!bill.refunded.is_zero()).then_some(bill.refunded);
    let autopay_on = bill.autopay.is_some();
    let autopay_id = bill.id.clone();
    let b = StoredValue::new(bill);
    let order_line = move || {
        let loc = locale.get();
        b.with_value(|b| {
            format!(
                "{} · {} · {}",
                t_with(loc, Key::BillOrder, &[("order", &b.order_id)]),
                plan_name(b.plan, loc),
                annual_rate_text(b.annual_rate, loc)
            )
        })
    };
    let next_due = b.with_value(|b| b.next_due.clone()).map(|next| {
        view! {
            <p class="plw-bill__next" data-testid="bill-next">
                {move || {
                    let loc = locale.get();
                    let (amount, date) = (format_money(&next.amount, loc), format_date(next.due_date, loc));
                    t_with(loc, Key::BillNextDue, &[("amount", &amount), ("date", &date)])
                }}
            </p>
        }
    });
    // Overdue: what the late interest costs, by the day and by the year.
    let late_rate =
        b.with_value(|b| (b.status == BillStatus::Overdue).then_some(b.late_interest_daily_rate)).map(|daily| {
            view! {
                <p class="plw-bill__late-rate" data-testid="bill-late-rate">
                    {move || late_interest_rate_text(daily, locale.get())}
                </p>
            }
        });
    view! {
        <li class="plw-bill" data-status=tone data-bill-id=b.with_value(|b| b.id.to_string())>
            <div class="plw-bill__head">
                <h3 class="plw-bill__merchant" id=heading_id.clone() tabindex="-1">
                    {b.with_value(|b| b.merchant_name.clone())}
                </h3>
                <Badge tone=tone testid="bill-status">
                    {move || b.with_value(|b| bill_status_text(b, locale.get()))}
                </Badge>
            </div>
            <p class="plw-bill__order" data-testid="bill-order">
                {order_line}
            </p>
            {late_rate}
            {next_due}
            <AutopayStatus bill=b />
            <dl class="plw-bill__left">
                <dt>{tr(Key::BillAmountLeft)}</dt>
                <dd data-testid="bill-left">{move || b.with_value(|b| format_money(&b.amount_left, locale.get()))}</dd>
            </dl>
            {refunded
                .map(|amount| {
                    view! {
                        <p class="plw-bill__refunded" data-testid="bill-refunded">
                            {move || t_with(
                                locale.get(),
                                Key::BillRefunded,
                                &[("amount", &format_money(&amount, locale.get()))],
                            )}
                        </p>
                    }
                })}
            <div class="plw-bill__actions">
                <button
                    type="button"
                    class="plw-button plw-button--secondary"
                    aria-expanded=move || is_open.get().to_string()
                    aria-controls=plan_id.clone()
                    on:click=move |_| {
                        expanded
                            .update(|e| {
                                *e = if e.as_ref() == Some(&toggle_id) { None } else { Some(toggle_id.clone()) };
                            })
                    }
                >
                    {tr(Key::BillShowPlan)}
                </button>
                {(!closed)
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="plw-button plw-button--primary"
                                id=format!("{heading_id}-repay")
                                aria-describedby=heading_id.clone()
                                on:click=move |ev| {
                                    if let Some(button) = ev
                                        .current_target()
                                        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
                                    {
                                        let _ = button.focus();
                                    }
                                    on_repay.run(b.get_value());
                                }
                            >
                                {tr(Key::BillRepayEarly)}
                            </button>
                            // Autopay's settings are in the bill's plan: this opens it.
                            <button
                                type="button"
                                class="plw-button plw-button--secondary"
                                aria-controls=plan_id.clone()
                                on:click=move |_| expanded.set(Some(autopay_id.clone()))
                            >
                                {tr(if autopay_on { Key::BillAutopayChange } else { Key::BillAutopaySetup })}
                            </button>
                        }
                    })}
            </div>

            <div id=plan_id class="plw-bill__plan" hidden=move || !is_open.get()>
                {move || {
                    is_open
                        .get()
                        .then(|| {
                            let bill = b.get_value();
                            on_arrival(
                                async move { part!(bill_detail_part(bill, on_bill)) },
                                || {
                                    view! {
                                        <Loading
                                            label=Key::BillPlanLoading
                                            skeleton=true
                                            testid=Some("bill-plan-loading")
                                        />
                                    }
                                },
                            )
                        })
                }}
            </div>
        </li>
    }
}

/// A bill's repayment plan (with autopay's settings): its own part of the module in release builds, fetched when the shopper
/// opens it (crate::split).
#[cfg_attr(pay_later_split, wasm_split_helpers::wasm_split(bill_detail))]
fn bill_detail_part(bill: Bill, on_bill: Callback<Bill>) -> AnyView {
    view! { <BillDetail bill=bill on_bill=on_bill /> }.into_any()
}

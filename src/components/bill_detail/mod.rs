//! A bill's repayment plan: every installment with its due date, principal, fee (and any fee
//! waived), late interest, amount and status (paid with the date, due, overdue, upcoming); then
//! the bill's own repayment records.

use leptos::prelude::*;
use paylater_core::api::{Bill, BillInstallment, InstallmentStatus, PageRequest};
use paylater_core::locale::{Locale, format_date, format_money};

use crate::components::plan_picker::InstallmentCells;
use crate::components::records::Records;
use crate::components::refunds::BillRefunds;
use crate::i18n::{Key, t, t_with};

/// An installment's status in words.
pub fn installment_status_text(installment: &BillInstallment, locale: Locale) -> String {
    match installment.status {
        InstallmentStatus::Paid => {
            let date = installment.paid_on.map(|d| format_date(d, locale)).unwrap_or_default();
            t_with(locale, Key::InstallmentStatusPaid, &[("date", &date)])
        }
        InstallmentStatus::Due => t(locale, Key::InstallmentStatusDue).to_owned(),
        InstallmentStatus::Overdue => t(locale, Key::InstallmentStatusOverdue).to_owned(),
        InstallmentStatus::Upcoming => t(locale, Key::InstallmentStatusUpcoming).to_owned(),
        InstallmentStatus::Refunded => t(locale, Key::InstallmentStatusRefunded).to_owned(),
    }
}

const fn status_class(status: InstallmentStatus) -> &'static str {
    match status {
        InstallmentStatus::Paid => "paid",
        InstallmentStatus::Due => "due",
        InstallmentStatus::Overdue => "overdue",
        InstallmentStatus::Upcoming => "upcoming",
        InstallmentStatus::Refunded => "refunded",
    }
}

#[component]
pub fn BillDetail(bill: Bill, locale: Signal<Locale>) -> impl IntoView {
    // This bill's own records (a bill has a few; one page holds them all).
    let api = expect_context::<crate::api::ApiHandle>();
    let records_of = bill.id.clone();
    let records = LocalResource::new(move || {
        let client = api.get_value();
        let bill_id = records_of.clone();
        async move { client.repayments(Some(&bill_id), &PageRequest::first(PageRequest::MAX_LIMIT)).await }
    });
    let count = bill.installments.len();
    let bill_id = bill.id.clone();
    let refunds = bill.refunds.clone();
    let bill = StoredValue::new(bill);
    let rows = move || {
        let loc = locale.get();
        bill.with_value(|b| {
            b.installments
                .iter()
                .map(|i| {
                    let mut extra = String::new();
                    if !i.fee_waived.is_zero() {
                        extra.push_str(&format!(" ({})", t_with(loc, Key::InstallmentFeeWaived, &[("amount", &format_money(&i.fee_waived, loc))])));
                    }
                    if !i.late_interest.is_zero() {
                        extra.push_str(&format!(" · {} {}", t(loc, Key::InstallmentColumnLateInterest), format_money(&i.late_interest, loc)));
                    }
                    let cells = InstallmentCells {
                        number: i.number,
                        count,
                        due_date: i.due_date,
                        amount: &i.amount,
                        principal: &i.principal,
                        fee: &i.fee,
                        extra,
                    };
                    view! {
                        <tr data-status=status_class(i.status)>
                            {cells.view(loc)}
                            <td>
                                <span class=format!("plw-badge plw-badge--{}", status_class(i.status))>{installment_status_text(i, loc)}</span>
                            </td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="plw-bill-detail" data-testid="bill-detail">
            <table class="plw-schedule__table">
                <caption>{move || t(locale.get(), Key::BillShowPlan)}</caption>
                <thead>
                    <tr>
                        <th scope="col">
                            {move || format!("{} · {}", t(locale.get(), Key::ScheduleColumnNumber), t(locale.get(), Key::ScheduleColumnDueDate))}
                        </th>
                        <th scope="col">{move || t(locale.get(), Key::ScheduleColumnAmount)}</th>
                        <th scope="col">{move || t(locale.get(), Key::InstallmentColumnStatus)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <BillRefunds refunds=refunds locale=locale />
            <Records records=records bill_id=Some(bill_id) locale=locale />
        </div>
    }
}

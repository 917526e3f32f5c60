//! A bill's repayment plan: every installment with its due date, principal, fee (and any fee
//! waived), late interest, amount and status; autopay's settings and the calendar file (an open
//! bill); then the bill's refunds and its own records.

use leptos::prelude::*;
use paylater_core::api::{Bill, InstallmentStatus, PageRequest};
use paylater_core::locale::{Locale, format_money};

use super::autopay_panel::AutopayPanel;
use super::calendar_button::CalendarButton;
use super::records::RecordList;
use super::refunds::BillRefunds;
use crate::context::{tr, use_api, use_locale};
use crate::format::{installment_status_class, installment_status_text};
use crate::hooks::read::use_read;
use crate::i18n::{Key, t, t_with};
use crate::ui::async_view::AsyncView;
use crate::ui::installment_table::{InstallmentRow, InstallmentTable};

fn rows(bill: &Bill, loc: Locale) -> Vec<InstallmentRow> {
    bill.installments
        .iter()
        .map(|i| {
            let mut extra = String::new();
            if !i.fee_waived.is_zero() {
                let waived = t_with(loc, Key::InstallmentFeeWaived, &[("amount", &format_money(&i.fee_waived, loc))]);
                extra.push_str(&format!(" ({waived})"));
            }
            let open = !matches!(i.status, InstallmentStatus::Paid | InstallmentStatus::Refunded);
            if open && !i.paid.is_zero() {
                let paid = t_with(loc, Key::InstallmentPaidSoFar, &[("amount", &format_money(&i.paid, loc))]);
                extra.push_str(&format!(" · {paid}"));
            }
            if !i.late_interest.is_zero() {
                let late = format_money(&i.late_interest, loc);
                extra.push_str(&format!(" · {} {late}", t(loc, Key::InstallmentColumnLateInterest)));
            }
            InstallmentRow {
                number: i.number,
                due_date: i.due_date,
                amount: i.amount,
                principal: i.principal,
                fee: i.fee,
                extra,
                status: Some((installment_status_class(i.status), installment_status_text(i, loc))),
            }
        })
        .collect()
}

#[component]
pub fn BillDetail(bill: Bill, on_bill: Callback<Bill>) -> impl IntoView {
    let locale = use_locale();
    let client = use_api();
    // This bill's own records (a bill has a few; one page holds them all).
    let bill_id = bill.id.clone();
    let records = use_read(
        || (),
        move |()| {
            let (client, bill_id) = (client.clone(), bill_id.clone());
            async move {
                client
                    .repayments(Some(&bill_id), &PageRequest::first(PageRequest::MAX_LIMIT))
                    .await
                    .map(|l| l.repayments)
            }
        },
    );
    let count = bill.installments.len();
    let refunds = bill.refunds.clone();
    let bill = StoredValue::new(bill);
    view! {
        <div class="plw-bill-detail" data-testid="bill-detail">
            <InstallmentTable
                caption=Signal::derive(move || t(locale.get(), Key::BillShowPlan).to_owned())
                count=count
                rows=Signal::derive(move || bill.with_value(|b| rows(b, locale.get())))
                with_status=true
            />
            {bill
                .with_value(|b| b.next_due.is_some())
                .then(|| view! { <AutopayPanel bill=bill.get_value() on_bill=on_bill /> })}
            {(count > 0).then(|| view! { <CalendarButton bill=bill /> })}
            <BillRefunds refunds=refunds />
            <section class="plw-records" data-testid="bill-records">
                <h4 class="plw-records__heading">{tr(Key::RecordsBillHeading)}</h4>
                <AsyncView
                    state=Signal::derive(move || records.value.get())
                    on_retry=Callback::new(move |_| records.refetch.notify())
                    loading=Key::RecordsLoading
                    error_testid="records-error"
                    children=move |list| view! { <RecordList records=Signal::stored(list) of_bill=true /> }
                />
            </section>
        </div>
    }
}

//! Installments as a table, the same wherever they show (a plan's schedule before the shopper
//! commits, a bill's repayment plan after): each row's number and due date as its header, the
//! amount with its principal and fee (and anything extra: a fee waived, late interest), and
//! optionally its status. Where the table has less than about 20 rem (a 320 px phone), the status
//! moves under the due date and its column goes, so that no row is wider than the screen (a
//! container query on the table's own box: the same at any page width).

use leptos::prelude::*;
use paylater_core::Money;
use paylater_core::locale::{format_date, format_money};
use paylater_core::time::Date;

use crate::context::use_locale;
use crate::i18n::{Key, t, t_with};
use crate::ui::badge::Badge;

/// One installment, as a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InstallmentRow {
    pub number: u32,
    pub due_date: Date,
    pub amount: Money,
    pub principal: Money,
    pub fee: Money,
    /// Shown after the fee, in words (" (fee ¥1.00 waived)", " · Late interest ¥0.30").
    pub extra: String,
    /// A status column: the badge's tone, its words, and the row's `data-status`.
    pub status: Option<(&'static str, String)>,
}

#[component]
pub fn InstallmentTable(
    #[prop(into)] caption: Signal<String>,
    /// How many installments the plan has ("2 of 6").
    count: usize,
    #[prop(into)] rows: Signal<Vec<InstallmentRow>>,
    /// Whether the rows have a status column.
    #[prop(optional)]
    with_status: bool,
) -> impl IntoView {
    let locale = use_locale();
    let row = move |r: InstallmentRow| {
        let loc = locale.get();
        let parts = format!(
            "{} {} · {} {}{}",
            t(loc, Key::ScheduleColumnPrincipal),
            format_money(&r.principal, loc),
            t(loc, Key::ScheduleColumnFee),
            format_money(&r.fee, loc),
            r.extra
        );
        let number = t_with(loc, Key::ScheduleNumber, &[("n", &r.number.to_string()), ("count", &count.to_string())]);
        let (tone, status) = r.status.clone().unzip();
        // Shown here only where the table is narrow (the status column is then hidden).
        let narrow_status = tone.zip(status.clone()).map(|(tone, status)| {
            view! {
                <span class="plw-schedule__status-inline">
                    <Badge tone=tone>{status}</Badge>
                </span>
            }
        });
        view! {
            <tr data-status=tone>
                <th scope="row">
                    <span class="plw-schedule__number">{number}</span>
                    <span class="plw-schedule__due plw-nowrap">{format_date(r.due_date, loc)}</span>
                    {narrow_status}
                </th>
                <td class="plw-schedule__amount">
                    <span class="plw-nowrap">{format_money(&r.amount, loc)}</span>
                    <span class="plw-schedule__parts">{parts}</span>
                </td>
                {tone
                    .zip(status)
                    .map(|(tone, status)| {
                        view! {
                            <td class="plw-schedule__status">
                                <Badge tone=tone>{status}</Badge>
                            </td>
                        }
                    })}
            </tr>
        }
    };
    view! {
        <div class="plw-schedule__frame">
            <table class="plw-schedule__table">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">
                            {move || {
                                format!(
                                    "{} · {}",
                                    t(locale.get(), Key::ScheduleColumnNumber),
                                    t(locale.get(), Key::ScheduleColumnDueDate),
                                )
                            }}
                        </th>
                        <th scope="col">{move || t(locale.get(), Key::ScheduleColumnAmount)}</th>
                        {with_status
                            .then(|| {
                                view! {
                                    <th scope="col" class="plw-schedule__status">
                                        {move || t(locale.get(), Key::InstallmentColumnStatus)}
                                    </th>
                                }
                            })}
                    </tr>
                </thead>
                <tbody>{move || rows.get().into_iter().map(row).collect_view()}</tbody>
            </table>
        </div>
    }
}

//! The plans on offer as a radio group (native radios: arrow keys move between plans), and the
//! selected plan's full schedule: every installment's due date and amount, the fee and its rate,
//! the total to pay.

use leptos::prelude::*;
use paylater_core::api::{PlanKind, Schedule};
use paylater_core::locale::{Locale, format_date, format_money, format_rate};
use serde::Serialize;

use crate::events::{WidgetEvent, emit};
use crate::i18n::{Key, t, t_with};

/// The plan's name in the shopper's language.
pub fn plan_name(plan: PlanKind, locale: Locale) -> String {
    match plan {
        PlanKind::PayIn30Days => t(locale, Key::PlanPayIn30Days).to_owned(),
        other => t_with(locale, Key::PlanInstallments, &[("count", &other.installment_count().to_string())]),
    }
}

/// `detail` of `paylater:planchange`.
#[derive(Serialize)]
struct PlanChangeDetail<'a> {
    plan: PlanKind,
    total: &'a paylater_core::Money,
    fee: &'a paylater_core::Money,
}

#[component]
pub fn PlanPicker(
    plans: Vec<Schedule>,
    selected: RwSignal<Option<PlanKind>>,
    locale: Signal<Locale>,
    /// Focus the selected plan when this view appears, if set (then cleared).
    focus: StoredValue<bool>,
    /// Locked while an order is being placed or its outcome is not known yet.
    #[prop(into)]
    disabled: Signal<bool>,
) -> impl IntoView {
    let plans = StoredValue::new(plans);
    let group = NodeRef::<leptos::html::Div>::new();
    group.on_load(move |div| {
        if focus.get_value() {
            focus.set_value(false);
            if let Ok(Some(checked)) = div.query_selector("input:checked, input") {
                use wasm_bindgen::JsCast;
                if let Ok(input) = checked.dyn_into::<web_sys::HtmlElement>() {
                    let _ = input.focus();
                }
            }
        }
    });
    let choose = move |plan: PlanKind| {
        selected.set(Some(plan));
        plans.with_value(|all| {
            if let Some(s) = all.iter().find(|s| s.plan == plan) {
                emit(WidgetEvent::PlanChange, &PlanChangeDetail { plan, total: &s.total, fee: &s.fee });
            }
        });
    };
    let options = move || {
        let loc = locale.get();
        plans
            .get_value()
            .into_iter()
            .map(|s| {
                let plan = s.plan;
                let first = s.installments.first().map(|i| i.amount).unwrap_or(s.total);
                let summary = t_with(
                    loc,
                    Key::PlanSummary,
                    &[("amount", &format_money(&first, loc)), ("fee", &format_money(&s.fee, loc))],
                );
                view! {
                    <label class="plw-plan-option" data-plan=plan.as_str()>
                        <input
                            type="radio"
                            name="plw-plan"
                            value=plan.as_str()
                            prop:checked=move || selected.get() == Some(plan)
                            on:change=move |_| choose(plan)
                        />
                        <span class="plw-plan-option__text">
                            <span class="plw-plan-option__name">{plan_name(plan, loc)}</span>
                            <span class="plw-plan-option__summary">{summary}</span>
                        </span>
                    </label>
                }
            })
            .collect_view()
    };
    let schedule = move || {
        let plan = selected.get()?;
        plans
            .with_value(|all| all.iter().find(|s| s.plan == plan).cloned())
            .map(|s| view! { <ScheduleTable schedule=s locale=locale /> })
    };
    view! {
        <fieldset class="plw-plans" disabled=move || disabled.get()>
            <legend class="plw-plans__legend">{move || t(locale.get(), Key::PlansLegend)}</legend>
            <div class="plw-plans__options" node_ref=group>{options}</div>
        </fieldset>
        {schedule}
    }
}

/// The cells every installment row shares (a plan's schedule, a bill's plan): the number and
/// due date as the row header, and the amount with its principal and fee (and `extra`, such as a
/// waived fee or late interest).
pub struct InstallmentCells<'a> {
    pub number: u32,
    pub count: usize,
    pub due_date: paylater_core::time::Date,
    pub amount: &'a paylater_core::Money,
    pub principal: &'a paylater_core::Money,
    pub fee: &'a paylater_core::Money,
    pub extra: String,
}

impl InstallmentCells<'_> {
    pub fn view(&self, loc: Locale) -> impl IntoView + use<> {
        let parts = format!(
            "{} {} · {} {}{}",
            t(loc, Key::ScheduleColumnPrincipal),
            format_money(self.principal, loc),
            t(loc, Key::ScheduleColumnFee),
            format_money(self.fee, loc),
            self.extra
        );
        let number =
            t_with(loc, Key::ScheduleNumber, &[("n", &self.number.to_string()), ("count", &self.count.to_string())]);
        view! {
            <th scope="row">
                <span class="plw-schedule__number">{number}</span>
                <span class="plw-schedule__due plw-nowrap">{format_date(self.due_date, loc)}</span>
            </th>
            <td class="plw-schedule__amount">
                <span class="plw-nowrap">{format_money(self.amount, loc)}</span>
                <span class="plw-schedule__parts">{parts}</span>
            </td>
        }
    }
}

/// Every installment of a plan, its fee and rate, and the total.
#[component]
pub fn ScheduleTable(schedule: Schedule, locale: Signal<Locale>) -> impl IntoView {
    let count = schedule.installments.len();
    let schedule = StoredValue::new(schedule);
    move || {
        let loc = locale.get();
        let s = schedule.get_value();
        let rows = s
            .installments
            .iter()
            .map(|i| {
                let cells = InstallmentCells {
                    number: i.number,
                    count,
                    due_date: i.due_date,
                    amount: &i.amount,
                    principal: &i.principal,
                    fee: &i.fee,
                    extra: String::new(),
                };
                view! { <tr>{cells.view(loc)}</tr> }
            })
            .collect_view();
        view! {
            <div class="plw-schedule" data-testid="schedule" data-plan=s.plan.as_str()>
                <table class="plw-schedule__table">
                    <caption>{t_with(loc, Key::ScheduleCaption, &[("plan", &plan_name(s.plan, loc))])}</caption>
                    <thead>
                        <tr>
                            <th scope="col">
                                {format!("{} · {}", t(loc, Key::ScheduleColumnNumber), t(loc, Key::ScheduleColumnDueDate))}
                            </th>
                            <th scope="col">{t(loc, Key::ScheduleColumnAmount)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
                <dl class="plw-schedule__totals">
                    <div>
                        <dt>{t(loc, Key::ScheduleFeeTotal)}</dt>
                        <dd data-testid="schedule-fee">
                            {format_money(&s.fee, loc)}
                            <span class="plw-schedule__rate">
                                {format!(" · {}", t_with(loc, Key::ScheduleFeeRate, &[("rate", &format_rate(s.fee_rate))]))}
                            </span>
                        </dd>
                    </div>
                    <div class="plw-schedule__total">
                        <dt>{t(loc, Key::ScheduleTotal)}</dt>
                        <dd data-testid="schedule-total">{format_money(&s.total, loc)}</dd>
                    </div>
                </dl>
            </div>
        }
    }
}

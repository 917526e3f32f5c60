//! The plans on offer as a radio group, and the selected plan's full schedule: every
//! installment's due date and amount, the fee and its rate, the total to pay.

use leptos::prelude::*;
use paylater_core::api::{PlanKind, Schedule};
use paylater_core::locale::{format_money, format_rate};
use wasm_bindgen::JsCast;

use super::state::CheckoutState;
use crate::context::use_locale;
use crate::events::{PlanChangeDetail, WidgetEvent, emit};
use crate::format::{annual_rate_text, plan_name};
use crate::i18n::{Key, t, t_with};
use crate::ui::amount_list::{AmountList, AmountRow};
use crate::ui::installment_table::{InstallmentRow, InstallmentTable};
use crate::ui::radio_card::{RadioCard, RadioGroup};

#[component]
pub fn PlanPicker(plans: Vec<Schedule>, #[prop(into)] disabled: Signal<bool>) -> impl IntoView {
    let state = expect_context::<CheckoutState>();
    let locale = use_locale();
    let plans = StoredValue::new(plans);
    // Focus the selected plan when the plans appear after the shopper chose pay later.
    let group = NodeRef::<leptos::html::Div>::new();
    group.on_load(move |div| {
        if state.focus.get_value() {
            state.focus.set_value(false);
            if let Ok(Some(input)) = div.query_selector("input:checked, input")
                && let Ok(input) = input.dyn_into::<web_sys::HtmlElement>()
            {
                let _ = input.focus();
            }
        }
    });
    let choose = move |plan: PlanKind| {
        state.choices.plan.set(Some(plan));
        plans.with_value(|all| {
            if let Some(s) = all.iter().find(|s| s.plan == plan) {
                emit(WidgetEvent::PlanChange, &PlanChangeDetail { plan, total: &s.total, fee: &s.fee });
            }
        });
    };
    let options = plans
        .get_value()
        .into_iter()
        .map(|s| {
            let plan = s.plan;
            let first = s.installments.first().map_or(s.total, |i| i.amount);
            let annual_rate = s.annual_rate;
            // The annualized rate beside the fee, as prominent: the true cost in one number.
            let summary = Signal::derive(move || {
                let loc = locale.get();
                let fee = t_with(
                    loc,
                    Key::PlanSummary,
                    &[("amount", &format_money(&first, loc)), ("fee", &format_money(&s.fee, loc))],
                );
                format!("{fee} · {}", annual_rate_text(annual_rate, loc))
            });
            view! {
                <RadioCard
                    group="plw-plan"
                    value=plan.as_str()
                    checked=Signal::derive(move || state.selected.get() == Some(plan))
                    on_select=Callback::new(move |_| choose(plan))
                    name=Signal::derive(move || plan_name(plan, locale.get()))
                    summary=summary
                />
            }
        })
        .collect_view();
    let schedule = move || {
        let plan = state.selected.get()?;
        plans
            .with_value(|all| all.iter().find(|s| s.plan == plan).cloned())
            .map(|s| view! { <ScheduleTable schedule=s /> })
    };
    view! {
        <RadioGroup
            legend=Signal::derive(move || t(locale.get(), Key::PlansLegend).to_owned())
            disabled=disabled
            node_ref=group
        >
            {options}
        </RadioGroup>
        {schedule}
    }
}

/// Every installment of a plan, its fee and rate, and the total.
#[component]
pub fn ScheduleTable(schedule: Schedule) -> impl IntoView {
    let locale = use_locale();
    let count = schedule.installments.len();
    let plan = schedule.plan;
    let rows: Vec<InstallmentRow> = schedule
        .installments
        .iter()
        .map(|i| InstallmentRow {
            number: i.number,
            due_date: i.due_date,
            amount: i.amount,
            principal: i.principal,
            fee: i.fee,
            extra: String::new(),
            status: None,
        })
        .collect();
    let (fee, rate, total, annual_rate) = (schedule.fee, schedule.fee_rate, schedule.total, schedule.annual_rate);
    view! {
        <div class="plw-schedule" data-testid="schedule" data-plan=plan.as_str()>
            <InstallmentTable
                caption=Signal::derive(move || t_with(
                    locale.get(),
                    Key::ScheduleCaption,
                    &[("plan", &plan_name(plan, locale.get()))],
                ))
                count=count
                rows=Signal::stored(rows)
            />
            <AmountList>
                <AmountRow label=Key::ScheduleFeeTotal testid="schedule-fee">
                    {move || format_money(&fee, locale.get())}
                    <span class="plw-schedule__rate">
                        {move || {
                            format!(
                                " · {}",
                                t_with(locale.get(), Key::ScheduleFeeRate, &[("rate", &format_rate(rate))]),
                            )
                        }}
                    </span>
                </AmountRow>
                <AmountRow label=Key::ScheduleAnnualRate testid="schedule-apr">
                    {format_rate(annual_rate)}
                </AmountRow>
                <AmountRow label=Key::ScheduleTotal total=true testid="schedule-total">
                    {move || format_money(&total, locale.get())}
                </AmountRow>
            </AmountList>
        </div>
    }
}

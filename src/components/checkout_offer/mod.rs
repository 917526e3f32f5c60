//! The offer beside the order total: "先享后付 / Pay later, from ¥117.78 / month", and the plans
//! on offer with every installment's first payment, fee, rate and total, computed by the core
//! from the amount (never hard-coded) and updated when the amount changes.

use leptos::prelude::*;
use paylater_core::locale::{Locale, format_date, format_money, format_rate};
use paylater_core::plan::{PlanKind, Schedule, all_schedules, lowest_monthly_payment};
use paylater_core::time::Date;
use paylater_core::{Money, Policy};

use crate::i18n::{t, t_with};

/// The plan's name in the shopper's language.
pub fn plan_name(plan: PlanKind, locale: Locale) -> String {
    match plan {
        PlanKind::PayIn30Days => t(locale, "plan.pay_in_30_days").to_owned(),
        other => t_with(locale, "plan.installments", &[("count", &other.installment_count().to_string())]),
    }
}

#[component]
pub fn CheckoutOffer(amount: Signal<Money>, locale: Signal<Locale>, today: Date, policy: Policy) -> impl IntoView {
    let (plans_open, set_plans_open) = signal(false);
    let policy = StoredValue::new(policy);
    let schedules =
        Memo::new(move |_| policy.with_value(|p| all_schedules(amount.get(), today, p).unwrap_or_default()));
    let from_line = move || {
        let loc = locale.get();
        policy
            .with_value(|p| lowest_monthly_payment(amount.get(), today, p))
            .map(|m| t_with(loc, "offer.from_per_month", &[("amount", &format_money(&m, loc))]))
    };
    let toggle_label = move || t(locale.get(), if plans_open.get() { "offer.hide_plans" } else { "offer.show_plans" });

    view! {
        <div class="plw-offer">
            <div class="plw-offer__total">
                <span class="plw-offer__total-label">{move || t(locale.get(), "order.total")}</span>
                <strong class="plw-offer__total-amount" data-testid="order-total">
                    {move || format_money(&amount.get(), locale.get())}
                </strong>
            </div>
            <div class="plw-offer__head">
                <span class="plw-offer__mark" aria-hidden="true">"先"</span>
                <div>
                    <h2 id="plw-offer-title" class="plw-offer__title">{move || t(locale.get(), "offer.title")}</h2>
                    <p class="plw-offer__subtitle">{move || t(locale.get(), "offer.subtitle")}</p>
                </div>
            </div>
            <p class="plw-offer__from" data-testid="offer-line">{from_line}</p>
            <p class="plw-offer__full">{move || t(locale.get(), "offer.pay_in_full")}</p>
            <button
                type="button"
                class="plw-button plw-button--secondary"
                aria-expanded=move || plans_open.get().to_string()
                aria-controls="plw-plans"
                on:click=move |_| set_plans_open.update(|open| *open = !*open)
            >
                {toggle_label}
            </button>
            <div id="plw-plans" class="plw-plans" hidden=move || !plans_open.get()>
                <h3 class="plw-plans__caption">{move || t(locale.get(), "offer.plans_caption")}</h3>
                <ul class="plw-plans__list">
                    {move || {
                        let loc = locale.get();
                        schedules.get().into_iter().map(|s| plan_item(s, loc)).collect_view()
                    }}
                </ul>
                <p class="plw-plans__note">{move || t(locale.get(), "offer.estimate_note")}</p>
            </div>
        </div>
    }
}

fn plan_item(schedule: Schedule, locale: Locale) -> impl IntoView {
    let first = schedule.installments.first().cloned();
    let first_line = first.map(|i| {
        let due = t_with(locale, "plan.due_on", &[("date", &format_date(i.due_date, locale))]);
        view! {
            {format!("{} {} · ", t(locale, "plan.column.first_payment"), format_money(&i.amount, locale))}
            <span class="plw-nowrap">{due}</span>
        }
    });
    let fee = t_with(
        locale,
        "plan.fee_with_rate",
        &[("fee", &format_money(&schedule.fee, locale)), ("rate", &format_rate(schedule.fee_rate))],
    );
    view! {
        <li class="plw-plan" data-plan=schedule.plan.as_str()>
            <span class="plw-plan__name">{plan_name(schedule.plan, locale)}</span>
            <span class="plw-plan__first">{first_line}</span>
            <span class="plw-plan__cost">
                {format!("{} {fee} · {} {}", t(locale, "plan.column.fee"), t(locale, "plan.column.total"), format_money(&schedule.total, locale))}
            </span>
        </li>
    }
}

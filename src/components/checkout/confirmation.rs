//! The order is placed (authorized): it waits for the merchant's server to capture it, and the
//! shopper owes nothing yet. Followed until it is captured (then the plan and the first due date),
//! cancelled or expired (nothing owed, the hold released).

use leptos::prelude::*;
use paylater_core::api::{Bill, Order, OrderStatus};
use paylater_core::locale::{Locale, format_date, format_money};

use super::state::CheckoutState;
use crate::context::use_locale;
use crate::format::plan_name;
use crate::hooks::follow_order::use_follow_order;
use crate::i18n::{Key, t, t_with};
use crate::ui::success_panel::{Outcome, SuccessPanel};

/// The status as `data-order-status` says it.
const fn status_name(status: OrderStatus) -> &'static str {
    match status {
        OrderStatus::Authorized => "authorized",
        OrderStatus::Captured => "captured",
        OrderStatus::Cancelled => "cancelled",
        OrderStatus::Expired => "expired",
    }
}

const fn look(status: OrderStatus) -> (Key, Outcome) {
    match status {
        OrderStatus::Authorized => (Key::ConfirmedPlacedHeading, Outcome::Waiting),
        OrderStatus::Captured => (Key::ConfirmedHeading, Outcome::Done),
        OrderStatus::Cancelled => (Key::ConfirmedCancelledHeading, Outcome::Closed),
        OrderStatus::Expired => (Key::ConfirmedExpiredHeading, Outcome::Closed),
    }
}

/// What the shopper reads under the heading.
fn lines(order: &Order, bill: Option<&Bill>, locale: Locale) -> Vec<String> {
    let money = |m: &paylater_core::Money| format_money(m, locale);
    let merchant = order.merchant_name.as_str();
    match order.status {
        OrderStatus::Authorized => {
            let (until, amount) = (format_date(order.expires_at.date(), locale), money(&order.amount));
            vec![t_with(
                locale,
                Key::ConfirmedPending,
                &[("merchant", merchant), ("amount", &amount), ("date", &until)],
            )]
        }
        OrderStatus::Captured => {
            let mut lines = Vec::new();
            if let Some(captured) = order.captured_amount.filter(|c| *c != order.amount) {
                let (captured, amount) = (money(&captured), money(&order.amount));
                let args = [("merchant", merchant), ("captured", captured.as_str()), ("amount", amount.as_str())];
                lines.push(t_with(locale, Key::ConfirmedPartial, &args));
            }
            if let Some(bill) = bill {
                if let Some(first) = bill.installments.first() {
                    let (amount, date) = (money(&first.amount), format_date(first.due_date, locale));
                    lines.push(t_with(locale, Key::ConfirmedFirstDue, &[("amount", &amount), ("date", &date)]));
                }
                let (plan, total) = (plan_name(bill.plan, locale), money(&bill.amount_left));
                lines.push(t_with(locale, Key::ConfirmedPlan, &[("plan", &plan), ("total", &total)]));
            }
            lines
        }
        OrderStatus::Cancelled => vec![t_with(locale, Key::ConfirmedCancelled, &[("merchant", merchant)])],
        OrderStatus::Expired => vec![t_with(locale, Key::ConfirmedExpired, &[("merchant", merchant)])],
    }
}

#[component]
pub fn Confirmation(order: Order) -> impl IntoView {
    let state = expect_context::<CheckoutState>();
    let locale = use_locale();
    let focus = state.focus.get_value();
    state.focus.set_value(false);
    let followed = use_follow_order(order);
    let (current, bill) = (followed.order, followed.bill);
    view! {
        <div
            data-testid="confirmed"
            data-authorization-id=current.with_untracked(|o| o.id.to_string())
            data-order-status=move || current.with(|o| status_name(o.status))
            data-bill-id=move || current.with(|o| o.bill_id.as_ref().map(ToString::to_string))
        >
            <SuccessPanel
                heading=Signal::derive(move || t(locale.get(), look(current.with(|o| o.status)).0).to_owned())
                outcome=Signal::derive(move || look(current.with(|o| o.status)).1)
                focus=focus
            >
                <div role="status">
                    {move || {
                        let loc = locale.get();
                        let lines = current.with(|o| bill.with(|b| lines(o, b.as_ref(), loc)));
                        lines.into_iter().map(|line| view! { <p class="plw-confirmed__line">{line}</p> }).collect_view()
                    }}
                </div>
            </SuccessPanel>
        </div>
    }
}

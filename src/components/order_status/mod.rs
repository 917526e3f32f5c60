//! A placed order as the shopper follows it: authorized and waiting for the merchant's server to
//! capture it (nothing owed yet, the amount held on the limit), then captured (a bill, with the
//! first due date), or cancelled / expired (nothing owed, the hold released).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use leptos::prelude::*;
use paylater_core::api::{Bill, Order, OrderStatus};
use paylater_core::locale::{Locale, format_date, format_money};

use crate::api::ApiHandle;
use crate::components::plan_picker::plan_name;
use crate::i18n::{Key, t_with};

/// How long to wait before each look at an authorized order: quick at first (a merchant's server
/// usually captures within seconds), then slower; about three minutes in all.
pub const FOLLOW_WAITS_MS: [u32; 12] =
    [1_000, 1_000, 2_000, 3_000, 5_000, 5_000, 10_000, 10_000, 15_000, 15_000, 30_000, 60_000];

/// The order as it is now, and its bill once captured.
#[derive(Clone, Copy)]
pub struct FollowedOrder {
    pub order: RwSignal<Order>,
    pub bill: RwSignal<Option<Bill>>,
}

/// Follows `order` until it leaves `authorized` (or the waits run out), and loads the bill of a
/// captured order. Stops when the component that called it goes away.
pub fn follow_order(order: Order) -> FollowedOrder {
    let api = expect_context::<ApiHandle>();
    let account = use_context::<crate::api::AccountChanged>();
    let followed = FollowedOrder { order: RwSignal::new(order.clone()), bill: RwSignal::new(None) };
    let alive = Arc::new(AtomicBool::new(true));
    let still = alive.clone();
    on_cleanup(move || still.store(false, Ordering::Relaxed));
    let alive = move || alive.load(Ordering::Relaxed);
    let client = api.get_value();
    leptos::task::spawn_local(async move {
        let mut current = order;
        for wait in FOLLOW_WAITS_MS {
            if current.status != OrderStatus::Authorized {
                break;
            }
            gloo_timers::future::sleep(std::time::Duration::from_millis(u64::from(wait))).await;
            if !alive() {
                return;
            }
            if let Ok(now) = client.order(&current.id).await
                && alive()
            {
                current = now;
            }
        }
        if let Some(bill_id) = current.bill_id.clone()
            && let Ok(bill) = client.bill(&bill_id).await
            && alive()
        {
            followed.bill.try_set(Some(bill));
        }
        if alive() {
            let changed = current.status != OrderStatus::Authorized;
            followed.order.try_set(current);
            if changed && let Some(account) = account {
                account.0.try_update(|n| *n += 1);
            }
        }
    });
    followed
}

/// The status as `data-order-status` says it.
pub const fn status_name(status: OrderStatus) -> &'static str {
    match status {
        OrderStatus::Authorized => "authorized",
        OrderStatus::Captured => "captured",
        OrderStatus::Cancelled => "cancelled",
        OrderStatus::Expired => "expired",
    }
}

/// The mark beside the heading (decorative: the heading says it in words).
pub const fn mark(status: OrderStatus) -> &'static str {
    match status {
        OrderStatus::Authorized => "…",
        OrderStatus::Captured => "✓",
        OrderStatus::Cancelled | OrderStatus::Expired => "×",
    }
}

pub const fn heading_key(status: OrderStatus) -> Key {
    match status {
        OrderStatus::Authorized => Key::ConfirmedPlacedHeading,
        OrderStatus::Captured => Key::ConfirmedHeading,
        OrderStatus::Cancelled => Key::ConfirmedCancelledHeading,
        OrderStatus::Expired => Key::ConfirmedExpiredHeading,
    }
}

/// What the shopper reads under the heading.
pub fn lines(order: &Order, bill: Option<&Bill>, locale: Locale) -> Vec<String> {
    let money = |m: &paylater_core::Money| format_money(m, locale);
    let merchant = order.merchant_name.as_str();
    match order.status {
        OrderStatus::Authorized => {
            let until =
                format_date(order.expires_at.to_offset(crate::components::records::local_offset()).date(), locale);
            vec![t_with(
                locale,
                Key::ConfirmedPending,
                &[("merchant", merchant), ("amount", &money(&order.amount)), ("date", &until)],
            )]
        }
        OrderStatus::Captured => {
            let mut lines = Vec::new();
            if let Some(captured) = order.captured_amount.filter(|c| *c != order.amount) {
                lines.push(t_with(
                    locale,
                    Key::ConfirmedPartial,
                    &[("merchant", merchant), ("captured", &money(&captured)), ("amount", &money(&order.amount))],
                ));
            }
            if let Some(bill) = bill {
                if let Some(first) = bill.installments.first() {
                    lines.push(t_with(
                        locale,
                        Key::ConfirmedFirstDue,
                        &[("amount", &money(&first.amount)), ("date", &format_date(first.due_date, locale))],
                    ));
                }
                lines.push(t_with(
                    locale,
                    Key::ConfirmedPlan,
                    &[("plan", &plan_name(bill.plan, locale)), ("total", &money(&bill.amount_left))],
                ));
            }
            lines
        }
        OrderStatus::Cancelled => vec![t_with(locale, Key::ConfirmedCancelled, &[("merchant", merchant)])],
        OrderStatus::Expired => vec![t_with(locale, Key::ConfirmedExpired, &[("merchant", merchant)])],
    }
}

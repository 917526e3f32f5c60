//! `use_follow_order`: follows a placed order until the merchant's server captures or cancels it
//! (or it expires), as the shopper waits on the checkout: quickly at first, then slower, for about
//! three minutes; then loads the bill of a captured order. Stops when its component goes away.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use leptos::prelude::*;
use paylater_core::api::{Bill, Order, OrderStatus};

use crate::context::{account_changed_notifier, use_api};

/// Waits before each look at an authorized order (a merchant's server usually captures within
/// seconds).
pub const FOLLOW_WAITS_MS: [u32; 12] =
    [1_000, 1_000, 2_000, 3_000, 5_000, 5_000, 10_000, 10_000, 15_000, 15_000, 30_000, 60_000];

/// The order as it is now, and its bill once captured.
#[derive(Clone, Copy)]
pub struct UseFollowOrderReturn {
    pub order: Signal<Order>,
    pub bill: Signal<Option<Bill>>,
}

pub fn use_follow_order(placed: Order) -> UseFollowOrderReturn {
    let client = use_api();
    let notify_account = account_changed_notifier();
    let order = RwSignal::new(placed.clone());
    let bill = RwSignal::new(None::<Bill>);
    let alive = Arc::new(AtomicBool::new(true));
    let still = alive.clone();
    on_cleanup(move || still.store(false, Ordering::Relaxed));
    let alive = move || alive.load(Ordering::Relaxed);
    leptos::task::spawn_local(async move {
        let mut current = placed;
        for wait in FOLLOW_WAITS_MS {
            if current.status != OrderStatus::Authorized {
                break;
            }
            gloo_timers::future::sleep(std::time::Duration::from_millis(u64::from(wait))).await;
            if !alive() {
                return;
            }
            if let Ok(now) = client.order(&current.id).await {
                current = now;
            }
        }
        if let Some(bill_id) = &current.bill_id
            && let Ok(found) = client.bill(bill_id).await
            && alive()
        {
            bill.try_set(Some(found));
        }
        if alive() && current.status != OrderStatus::Authorized {
            order.try_set(current);
            notify_account();
        }
    });
    UseFollowOrderReturn { order: order.into(), bill: bill.into() }
}

//! Orders the shopper placed that wait for the merchant's server to capture them: shown as
//! pending, set apart from the bills (nothing is owed until the shop confirms). The list is a part
//! of the module fetched when there are some (most shoppers have none).

use leptos::prelude::*;
use paylater_core::api::{Order, OrderFilter, PageRequest};
use paylater_core::locale::{format_date, format_money};

use crate::context::{tr, track_account_changes, use_api, use_locale};
use crate::format::plan_name;
use crate::hooks::paged_list::PAGE_SIZE;
use crate::hooks::read::use_read;
use crate::i18n::{Key, t_with};
use crate::split::{on_arrival, part};
use crate::ui::async_view::AsyncView;

#[component]
fn PendingOrder(order: Order) -> impl IntoView {
    let locale = use_locale();
    let id = order.id.to_string();
    let line = move || {
        let loc = locale.get();
        t_with(loc, Key::PendingOrder, &[("merchant", &order.merchant_name), ("order", &order.order_id)])
    };
    let until = order.expires_at.date();
    let (amount, plan) = (order.amount, order.plan);
    let detail = move || {
        let loc = locale.get();
        let (amount, plan, date) = (format_money(&amount, loc), plan_name(plan, loc), format_date(until, loc));
        t_with(loc, Key::PendingDetail, &[("amount", &amount), ("plan", &plan), ("date", &date)])
    };
    view! {
        <li class="plw-pending__item" data-authorization-id=id>
            <p class="plw-pending__order">{line}</p>
            <p class="plw-record__meta">{detail}</p>
        </li>
    }
}

/// The shopper's authorized orders (the first page), when there are any.
#[component]
pub fn PendingOrders() -> impl IntoView {
    let client = use_api();
    let orders = use_read(track_account_changes, move |()| {
        let client = client.clone();
        async move { client.orders(OrderFilter::Authorized, &PageRequest::first(PAGE_SIZE)).await.map(|l| l.orders) }
    });
    // Most shoppers have none: the list is a part of the module, fetched when there are some.
    let list = move |orders: Vec<Order>| {
        (!orders.is_empty()).then(|| on_arrival(async move { part!(pending_part(orders)) }, || ()))
    };
    view! {
        <AsyncView
            state=Signal::derive(move || orders.value.get())
            on_retry=Callback::new(move |_| orders.refetch.notify())
            loading=Key::RecordsLoading
            quiet=true
            error_testid="pending-error"
            children=list
        />
    }
}

/// The orders waiting for the shop: their own part of the module in release builds (crate::split).
#[cfg_attr(pay_later_split, wasm_split_helpers::wasm_split(pending))]
fn pending_part(orders: Vec<Order>) -> AnyView {
    view! {
        <section class="plw-pending" data-testid="pending-orders">
            <h3 class="plw-records__heading">{tr(Key::PendingHeading)}</h3>
            <ul class="plw-pending__list">
                <For each=move || orders.clone() key=|o| o.id.clone() let:order>
                    <PendingOrder order=order />
                </For>
            </ul>
        </section>
    }
    .into_any()
}

//! Orders the shopper placed that wait for the merchant's server to capture them: shown as
//! pending, never as bills to repay (nothing is owed until the shop confirms).

use leptos::prelude::*;
use paylater_core::api::{Order, OrderFilter, PageRequest};
use paylater_core::locale::{Locale, format_date, format_money};

use crate::api::{ApiHandle, RefreshSignal};
use crate::components::notice::RetryError;
use crate::components::plan_picker::plan_name;
use crate::components::records::local_offset;
use crate::i18n::{Key, t, t_with};

fn pending_item(order: Order, loc: Locale) -> impl IntoView {
    let until = format_date(order.expires_at.to_offset(local_offset()).date(), loc);
    let detail = t_with(
        loc,
        Key::PendingDetail,
        &[("amount", &format_money(&order.amount, loc)), ("plan", &plan_name(order.plan, loc)), ("date", &until)],
    );
    view! {
        <li class="plw-pending__item" data-authorization-id=order.id.clone()>
            <p class="plw-pending__order">
                {t_with(loc, Key::PendingOrder, &[("merchant", &order.merchant_name), ("order", &order.order_id)])}
            </p>
            <p class="plw-record__meta">{detail}</p>
        </li>
    }
}

/// The shopper's authorized orders (the first page), when there are any.
#[component]
pub fn PendingOrders(locale: Signal<Locale>) -> impl IntoView {
    let api = expect_context::<ApiHandle>();
    let refresh = use_context::<RefreshSignal>();
    let account = use_context::<crate::api::AccountChanged>();
    let orders = LocalResource::new(move || {
        if let Some(refresh) = refresh {
            refresh.track();
        }
        if let Some(account) = account {
            account.0.track();
        }
        let client = api.get_value();
        async move { client.orders(OrderFilter::Authorized, &PageRequest::first(crate::components::bills::PAGE_SIZE)).await }
    });
    move || {
        let loc = locale.get();
        match orders.get()? {
            Err(e) => Some(
                view! {
                    <RetryError error=e locale=locale on_retry=Callback::new(move |_| orders.refetch()) testid="pending-error" />
                }
                .into_any(),
            ),
            Ok(list) if list.orders.is_empty() => None,
            Ok(list) => Some(
                view! {
                    <section class="plw-pending" data-testid="pending-orders">
                        <h3 class="plw-records__heading">{t(loc, Key::PendingHeading)}</h3>
                        <ul class="plw-pending__list">
                            {list.orders.into_iter().map(|o| pending_item(o, loc)).collect_view()}
                        </ul>
                    </section>
                }
                .into_any(),
            ),
        }
    }
}

//! The shopper's bills: a filter (open / settled / all), each bill with its status in words,
//! what is due next, what is left, its repayment plan, and "Repay early"; the repayment records
//! below. Most urgent first (the API's order).

use leptos::prelude::*;
use paylater_core::api::{Bill, BillFilter, BillList, BillStatus, PageRequest, RepaymentList, RepaymentResult};

/// Bills (and records) per page: the first render stays small however many there are.
pub const PAGE_SIZE: u32 = 20;
use paylater_core::client::ClientError;
use paylater_core::locale::{Locale, format_date, format_money};
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use crate::api::{ApiHandle, RefreshSignal};
use crate::components::bill_detail::BillDetail;
use crate::components::credit_summary::CreditSummary;
use crate::components::notice::RetryError;
use crate::components::pending_orders::PendingOrders;
use crate::components::plan_picker::plan_name;
use crate::components::records::Records;
use crate::components::refunds::AllRefunds;
use crate::components::repay_dialog::RepayDialog;
use crate::components::show_more::ShowMore;
use crate::events::HostHandle;
use crate::i18n::{Key, t, t_with};

/// An id usable in `id` attributes, from a bill id.
pub fn dom_id(prefix: &str, bill_id: &str) -> String {
    let safe: String =
        bill_id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    format!("{prefix}-{safe}")
}

/// A bill's status in words (never by colour alone).
pub fn status_text(bill: &Bill, locale: Locale) -> String {
    match bill.status {
        BillStatus::OnSchedule => t(locale, Key::BillStatusOnSchedule).to_owned(),
        BillStatus::DueSoon => t(locale, Key::BillStatusDueSoon).to_owned(),
        BillStatus::Overdue => t_with(
            locale,
            Key::BillStatusOverdue,
            &[("days", &bill.overdue_days.to_string()), ("amount", &format_money(&bill.late_interest, locale))],
        ),
        BillStatus::Settled => {
            let date = bill.settled_on.map(|d| format_date(d, locale)).unwrap_or_default();
            t_with(locale, Key::BillStatusSettled, &[("date", &date)])
        }
        BillStatus::Refunded => {
            let date = bill.settled_on.map(|d| format_date(d, locale)).unwrap_or_default();
            t_with(locale, Key::BillStatusRefunded, &[("date", &date)])
        }
    }
}

const fn status_class(status: BillStatus) -> &'static str {
    match status {
        BillStatus::Overdue => "overdue",
        BillStatus::DueSoon => "due-soon",
        BillStatus::OnSchedule => "on-schedule",
        BillStatus::Settled => "settled",
        BillStatus::Refunded => "refunded",
    }
}

#[component]
pub fn Bills(locale: Signal<Locale>) -> impl IntoView {
    let api = expect_context::<ApiHandle>();
    let filter = RwSignal::new(BillFilter::Open);
    let refresh = use_context::<RefreshSignal>();
    let account = use_context::<crate::api::AccountChanged>();
    let track_refresh = move || {
        if let Some(refresh) = refresh {
            refresh.track();
        }
        if let Some(account) = account {
            account.0.track();
        }
    };
    let bills = LocalResource::new(move || {
        track_refresh();
        let filter = filter.get();
        let client = api.get_value();
        async move { client.bills(filter, &PageRequest::first(PAGE_SIZE)).await }
    });
    let records = LocalResource::new(move || {
        track_refresh();
        let client = api.get_value();
        async move { client.repayments(None, &PageRequest::first(PAGE_SIZE)).await }
    });
    // The next page of bills, appended to the list (if the filter is still the one it was for).
    let more_bills = Action::new_local(move |(for_filter, cursor): &(BillFilter, String)| {
        let (for_filter, cursor) = (*for_filter, cursor.clone());
        let client = api.get_value();
        async move {
            let page = client.bills(for_filter, &PageRequest::after(PAGE_SIZE, &cursor)).await?;
            // Applied after the current reactive update (like a repayment's result), so that the
            // list and its "Show more" are not read while they are being replaced.
            leptos::task::tick().await;
            if filter.get_untracked() == for_filter {
                bills.update(|current| {
                    if let Some(Ok(list)) = current {
                        list.bills.extend(page.bills);
                        list.next_cursor = page.next_cursor;
                    }
                });
            }
            Ok::<(), ClientError>(())
        }
    });
    // Owned here, not by the list they sit under (which is redrawn when a page arrives).
    let more_bills_pending: Signal<bool> = more_bills.pending().into();
    let more_bills_error = Signal::derive(move || more_bills.value().get().and_then(Result::err));
    let profile = LocalResource::new(move || {
        track_refresh();
        let client = api.get_value();
        async move { client.me().await }
    });
    let expanded = RwSignal::new(None::<String>);
    // The bill being repaid, if the dialog is open.
    let dialog = RwSignal::new(None::<Bill>);
    let trigger = StoredValue::new_local(None::<HtmlElement>);

    let open_dialog = move |bill: Bill, button: Option<HtmlElement>| {
        trigger.set_value(button);
        dialog.set(Some(bill));
    };
    let host = use_context::<HostHandle>();
    let close_dialog = Callback::new(move |_: ()| {
        let bill_id = dialog.get_untracked().map(|bill| bill.id);
        dialog.set(None);
        let opener = trigger.get_value().filter(|b| b.is_connected());
        let root = host.and_then(|h| h.with_value(|h| h.shadow_root()));
        leptos::task::spawn_local(async move {
            leptos::task::tick().await;
            // Back to the button that opened the dialog. If the list was redrawn, to the bill's
            // new "Repay early" button, or (the bill is settled and has none) to its heading.
            let by_id = |id: String| root.as_ref()?.get_element_by_id(&id)?.dyn_into::<HtmlElement>().ok();
            let target = opener.or_else(|| {
                let bill_id = bill_id?;
                by_id(format!("{}-repay", dom_id("plw-bill", &bill_id))).or_else(|| by_id(dom_id("plw-bill", &bill_id)))
            });
            if let Some(target) = target {
                let _ = target.focus();
            }
        });
    });
    // A payment's outcome was still unknown when the dialog closed: show the bills as the API holds them.
    let reload = Callback::new(move |_: ()| {
        bills.refetch();
        records.refetch();
        profile.refetch();
    });
    let on_repaid = Callback::new(move |result: RepaymentResult| {
        // The list shows the bill as the API now holds it at once. Applied after the current
        // reactive update, so the cards it redraws are not read while they are being replaced.
        leptos::task::spawn_local(async move { show_repayment(bills, records, result) });
        // Repaying restores the available limit.
        profile.refetch();
    });

    let filter_option = move |value: BillFilter, key: Key| {
        view! {
            <label class="plw-segment">
                <input
                    type="radio"
                    name="plw-bill-filter"
                    prop:checked=move || filter.get() == value
                    on:change=move |_| filter.set(value)
                />
                <span>{move || t(locale.get(), key)}</span>
            </label>
        }
    };

    view! {
        <section class="plw-bills" aria-labelledby="plw-bills-heading">
            <div class="plw-bills__head">
                <div>
                    <h2 id="plw-bills-heading" class="plw-bills__heading" tabindex="-1">{move || t(locale.get(), Key::BillsHeading)}</h2>
                    <CreditSummary profile=profile locale=locale />
                </div>
                <fieldset class="plw-segments">
                    <legend class="plw-visually-hidden">{move || t(locale.get(), Key::BillsFilter)}</legend>
                    {filter_option(BillFilter::Open, Key::BillsFilterOpen)}
                    {filter_option(BillFilter::Settled, Key::BillsFilterSettled)}
                    {filter_option(BillFilter::All, Key::BillsFilterAll)}
                </fieldset>
            </div>
            <Transition fallback=move || view! { <p class="plw-muted">{move || t(locale.get(), Key::BillsLoading)}</p> }>
                {move || Suspend::new(async move {
                    match bills.await {
                        Err(error) => view! { <RetryError error=error locale=locale on_retry=Callback::new(move |_| bills.refetch()) testid="bills-error" /> }.into_any(),
                        Ok(list) if list.bills.is_empty() => {
                            let key = match filter.get_untracked() {
                                BillFilter::Open => Key::BillsEmptyOpen,
                                BillFilter::Settled => Key::BillsEmptySettled,
                                BillFilter::All => Key::BillsEmptyAll,
                            };
                            view! { <p class="plw-bills__empty" data-testid="bills-empty">{move || t(locale.get(), key)}</p> }.into_any()
                        }
                        Ok(list) => {
                            let next = list.next_cursor.clone();
                            view! {
                                <ul class="plw-bill-list" data-testid="bill-list">
                                    {list
                                        .bills
                                        .into_iter()
                                        .map(|bill| view! { <BillCard bill=bill locale=locale expanded=expanded on_repay=Callback::new(move |(b, e): (Bill, Option<HtmlElement>)| open_dialog(b, e)) /> })
                                        .collect_view()}
                                </ul>
                                {next.map(|cursor| view! {
                                    <ShowMore
                                        label=Key::BillsMore
                                        pending=more_bills_pending
                                        error=more_bills_error
                                        locale=locale
                                        on_more=Callback::new(move |_| { more_bills.dispatch_local((filter.get_untracked(), cursor.clone())); })
                                    />
                                })}
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
            <PendingOrders locale=locale />
            <Records records=records bill_id=None locale=locale />
            <AllRefunds locale=locale />
            {move || dialog.get().map(|bill| view! {
                <RepayDialog bill=bill locale=locale on_close=close_dialog on_repaid=on_repaid on_closed_unconfirmed=reload />
            })}
        </section>
    }
}

/// Puts a repayment's result into the loaded list and records.
fn show_repayment(
    bills: LocalResource<Result<BillList, ClientError>>,
    records: LocalResource<Result<RepaymentList, ClientError>>,
    result: RepaymentResult,
) {
    let updated = result.bill.clone();
    bills.update(|current| {
        if let Some(Ok(BillList { bills, .. })) = current {
            for b in bills.iter_mut().filter(|b| b.id == updated.id) {
                *b = updated.clone();
            }
        }
    });
    records.update(|current| {
        if let Some(Ok(RepaymentList { repayments, .. })) = current
            && !repayments.iter().any(|r| r.id == result.repayment.id)
        {
            repayments.insert(0, result.repayment.clone());
        }
    });
}

#[component]
fn BillCard(
    bill: Bill,
    locale: Signal<Locale>,
    expanded: RwSignal<Option<String>>,
    on_repay: Callback<(Bill, Option<HtmlElement>)>,
) -> impl IntoView {
    let heading_id = dom_id("plw-bill", &bill.id);
    let plan_id = dom_id("plw-bill-plan", &bill.id);
    let id = bill.id.clone();
    let is_open = Memo::new(move |_| expanded.get().as_deref() == Some(id.as_str()));
    let toggle_id = bill.id.clone();
    let bill_value = StoredValue::new(bill.clone());
    let settled = matches!(bill.status, BillStatus::Settled | BillStatus::Refunded);
    let status = bill.status;
    let repay_label_id = format!("{heading_id}-repay");
    view! {
        <li class="plw-bill" data-status=status_class(status) data-bill-id=bill.id.clone()>
            <div class="plw-bill__head">
                <h3 class="plw-bill__merchant" id=heading_id.clone() tabindex="-1">{bill.merchant_name.clone()}</h3>
                <span class=format!("plw-badge plw-badge--{}", status_class(status)) data-testid="bill-status">
                    {move || bill_value.with_value(|b| status_text(b, locale.get()))}
                </span>
            </div>
            <p class="plw-bill__order">
                {move || {
                    let loc = locale.get();
                    bill_value.with_value(|b| format!("{} · {}", t_with(loc, Key::BillOrder, &[("order", &b.order_id)]), plan_name(b.plan, loc)))
                }}
            </p>
            {move || bill_value.with_value(|b| b.next_due.clone()).map(|next| view! {
                <p class="plw-bill__next" data-testid="bill-next">
                    {move || {
                        let loc = locale.get();
                        t_with(loc, Key::BillNextDue, &[("amount", &format_money(&next.amount, loc)), ("date", &format_date(next.due_date, loc))])
                    }}
                </p>
            })}
            <dl class="plw-bill__left">
                <dt>{move || t(locale.get(), Key::BillAmountLeft)}</dt>
                <dd data-testid="bill-left">{move || bill_value.with_value(|b| format_money(&b.amount_left, locale.get()))}</dd>
            </dl>
            {(!bill.refunded.is_zero()).then(|| view! {
                <p class="plw-bill__refunded" data-testid="bill-refunded">
                    {move || bill_value.with_value(|b| t_with(locale.get(), Key::BillRefunded, &[("amount", &format_money(&b.refunded, locale.get()))]))}
                </p>
            })}
            <div class="plw-bill__actions">
                <button
                    type="button"
                    class="plw-button plw-button--secondary"
                    aria-expanded=move || is_open.get().to_string()
                    aria-controls=plan_id.clone()
                    on:click=move |_| expanded.update(|e| *e = if e.as_deref() == Some(toggle_id.as_str()) { None } else { Some(toggle_id.clone()) })
                >
                    {move || t(locale.get(), Key::BillShowPlan)}
                </button>
                {(!settled).then(|| view! {
                    <button
                        type="button"
                        class="plw-button plw-button--primary"
                        id=repay_label_id.clone()
                        aria-describedby=heading_id.clone()
                        on:click=move |ev| {
                            let button = ev.current_target().and_then(|t| t.dyn_into::<HtmlElement>().ok());
                            on_repay.run((bill_value.get_value(), button));
                        }
                    >
                        {move || t(locale.get(), Key::BillRepayEarly)}
                    </button>
                })}
            </div>
            <div id=plan_id class="plw-bill__plan" hidden=move || !is_open.get()>
                {move || is_open.get().then(|| view! { <BillDetail bill=bill_value.get_value() locale=locale /> })}
            </div>
        </li>
    }
}

//! The shopper's pay-later account (`view="bills"`): the credit still available, the bills (a
//! filter: open / settled / all; most urgent first; a page at a time), orders waiting for the
//! shop, repayment records and refunds; a bill opens into its repayment plan, and "Repay early"
//! opens the early-repayment dialog.

mod autopay;
mod autopay_panel;
mod bill_card;
mod bill_detail;
mod calendar_button;
mod credit_summary;
mod pending_orders;
mod records;
mod refunds;

use leptos::prelude::*;
use paylater_core::api::{Bill, BillFilter, BillId, RepaymentResult};
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use self::bill_card::BillCard;
use self::credit_summary::CreditSummary;
use self::pending_orders::PendingOrders;
use self::records::Records;
use self::refunds::AllRefunds;
use crate::components::repay_dialog::RepayDialog;
use crate::context::{HostHandle, tr, track_account_changes, use_api};
use crate::format::dom_id;
use crate::hooks::paged_list::{Page, use_paged_list};
use crate::hooks::read::use_read;
use crate::i18n::Key;
use crate::split::{on_arrival, part};
use crate::ui::async_view::AsyncView;
use crate::ui::show_more::ShowMore;

/// The account's stylesheets.
pub const STYLES: &[&str] = &[css!("src/components/account/bills.css"), css!("src/components/account/records.css")];

const fn empty_key(filter: BillFilter) -> Key {
    match filter {
        BillFilter::Open => Key::BillsEmptyOpen,
        BillFilter::Settled => Key::BillsEmptySettled,
        BillFilter::All => Key::BillsEmptyAll,
    }
}

#[component]
pub fn Bills() -> impl IntoView {
    let client = use_api();
    let filter = RwSignal::new(BillFilter::Open);
    let bills_client = client.clone();
    let bills = use_paged_list(
        move || filter.get(),
        move |filter, page| {
            let client = bills_client.clone();
            async move { client.bills(filter, &page).await.map(|l| Page { items: l.bills, next: l.next_cursor }) }
        },
    );
    let records_client = client.clone();
    let records = use_paged_list(
        || (),
        move |(), page| {
            let client = records_client.clone();
            async move { client.repayments(None, &page).await.map(|l| Page { items: l.repayments, next: l.next_cursor }) }
        },
    );
    let profile = use_read(track_account_changes, move |()| {
        let client = client.clone();
        async move { client.me().await }
    });
    let expanded = RwSignal::new(None::<BillId>);
    // The bill being repaid, if the dialog is open.
    let dialog = RwSignal::new(None::<Bill>);
    // The last bill the dialog was opened for (still known after it closes).
    let opened_for = StoredValue::new(None::<BillId>);
    let host = use_context::<HostHandle>();
    // Where focus goes when the dialog closes and its opener was redrawn: the bill's new "Repay
    // early" button, or (the bill is settled and has none) its heading.
    let fallback_focus = Callback::new(move |_: ()| {
        let bill_id = opened_for.get_value()?;
        let root = host?.with_value(|h| h.shadow_root())?;
        let by_id = |id: String| root.get_element_by_id(&id)?.dyn_into::<HtmlElement>().ok();
        by_id(format!("{}-repay", dom_id("plw-bill", &bill_id))).or_else(|| by_id(dom_id("plw-bill", &bill_id)))
    });
    // The list shows a bill as the API now holds it, at once.
    let on_bill = Callback::new(move |updated: Bill| {
        bills.patch.run(Box::new(move |items: &mut Vec<Bill>| {
            for b in items.iter_mut().filter(|b| b.id == updated.id) {
                *b = updated.clone();
            }
        }));
    });
    let on_repaid = Callback::new(move |result: RepaymentResult| {
        on_bill.run(result.bill.clone());
        let record = result.repayment;
        records.patch.run(Box::new(move |items| {
            if !items.iter().any(|r| r.id == record.id) {
                items.insert(0, record);
            }
        }));
        // Repaying restores the available limit.
        profile.refetch.notify();
    });
    // A payment's outcome was still unknown when the dialog closed: show what the API holds.
    let reload = Callback::new(move |_: ()| {
        bills.reload.run(());
        records.reload.run(());
        profile.refetch.notify();
    });
    let segment = move |value: BillFilter, key: Key| {
        view! {
            <label class="plw-segment">
                <input
                    type="radio"
                    name="plw-bill-filter"
                    prop:checked=move || filter.get() == value
                    on:change=move |_| filter.set(value)
                />
                <span>{tr(key)}</span>
            </label>
        }
    };
    let list = move |()| {
        view! {
            {move || {
                bills
                    .items
                    .with(Vec::is_empty)
                    .then(|| {
                        view! {
                            <p class="plw-bills__empty" data-testid="bills-empty">
                                {tr(empty_key(filter.get_untracked()))}
                            </p>
                        }
                    })
            }}
            <ul class="plw-bill-list" data-testid="bill-list">
                // Keyed by the bill and what can change on it: a repaid bill is redrawn, the others stay.
                <For
                    each=move || bills.items.get()
                    key=|b| (
                        b.id.clone(),
                        b.status,
                        b.amount_left,
                        b.refunded,
                        b.autopay.as_ref().map(|a| a.payment_method_id.clone()),
                        b.installments.iter().filter(|i| i.autopay_failed).count(),
                    )
                    let:bill
                >
                    <BillCard
                        bill=bill
                        expanded=expanded
                        on_repay=Callback::new(move |b: Bill| {
                            opened_for.set_value(Some(b.id.clone()));
                            dialog.set(Some(b))
                        })
                        on_bill=on_bill
                    />
                </For>
            </ul>
            {move || {
                bills
                    .has_more
                    .get()
                    .then(|| {
                        view! {
                            <ShowMore
                                label=Key::BillsMore
                                pending=bills.more_pending
                                error=bills.more_error
                                on_more=bills.more
                            />
                        }
                    })
            }}
        }
    };
    view! {
        <section class="plw-bills" aria-labelledby="plw-bills-heading">
            <div class="plw-bills__head">
                <div>
                    <h2 id="plw-bills-heading" class="plw-bills__heading" tabindex="-1">
                        {tr(Key::BillsHeading)}
                    </h2>
                    <CreditSummary profile=profile />
                    <p class="plw-muted">{tr(Key::BillsClock)}</p>
                </div>
                <fieldset class="plw-segments">
                    <legend class="plw-visually-hidden">{tr(Key::BillsFilter)}</legend>
                    {segment(BillFilter::Open, Key::BillsFilterOpen)}
                    {segment(BillFilter::Settled, Key::BillsFilterSettled)}
                    {segment(BillFilter::All, Key::BillsFilterAll)}
                </fieldset>
            </div>
            <AsyncView
                state=bills.phase
                on_retry=bills.reload
                loading=Key::BillsLoading
                error_testid="bills-error"
                children=list
            />
            <PendingOrders />
            <Records list=records />
            <AllRefunds />
            {move || {
                dialog
                    .get()
                    .map(|bill| {
                        let on_close = Callback::new(move |_| dialog.set(None));
                        on_arrival(
                            async move { part!(repay_dialog_part(bill, on_close, on_repaid, reload, fallback_focus)) },
                            || {
                                view! {
                                    <p class="plw-part-loading" role="status" data-testid="repay-loading">
                                        {tr(Key::RepayQuoteLoading)}
                                    </p>
                                }
                            },
                        )
                    })
            }}
        </section>
    }
}

/// The early-repayment dialog: its own part of the module in release builds, fetched on Repay
/// early (crate::split).
#[cfg_attr(pay_later_split, wasm_split_helpers::wasm_split(repay_dialog))]
fn repay_dialog_part(
    bill: Bill,
    on_close: Callback<()>,
    on_repaid: Callback<RepaymentResult>,
    on_closed_unconfirmed: Callback<()>,
    fallback_focus: Callback<(), Option<HtmlElement>>,
) -> AnyView {
    view! {
        <RepayDialog
            bill=bill
            on_close=on_close
            on_repaid=on_repaid
            on_closed_unconfirmed=on_closed_unconfirmed
            fallback_focus=fallback_focus
        />
    }
    .into_any()
}

//! Repayment records, newest first: amount, time, method, receipt number, and the bill. All of
//! them (a page at a time, "Show more"), or one bill's.

use leptos::prelude::*;
use paylater_core::api::Repayment;
use paylater_core::locale::{format_date_time, format_money};

use crate::context::{tr, use_locale};
use crate::hooks::paged_list::UsePagedListReturn;
use crate::i18n::{Key, t, t_with};
use crate::ui::async_view::AsyncView;
use crate::ui::show_more::ShowMore;

#[component]
fn Record(record: Repayment, of_bill: bool) -> impl IntoView {
    let locale = use_locale();
    let r = StoredValue::new(record);
    let bill_line = move || {
        (!of_bill).then(|| {
            r.with_value(|r| {
                t_with(locale.get(), Key::RepayBill, &[("merchant", &r.merchant_name), ("order", &r.order_id)])
            })
        })
    };
    view! {
        <li class="plw-record" data-receipt=r.with_value(|r| r.receipt_number.clone())>
            <div class="plw-record__main">
                <strong class="plw-record__amount">
                    {move || r.with_value(|r| format_money(&r.amount, locale.get()))}
                </strong>
                <span class="plw-record__time">
                    {move || r.with_value(|r| format_date_time(r.paid_at, r.paid_at.offset(), locale.get()))}
                </span>
            </div>
            <p class="plw-record__meta">
                {move || {
                    r.with_value(|r| {
                        let autopay = if r.autopay { t(locale.get(), Key::RecordsAutopay) } else { "" };
                        format!("{}{autopay}", r.payment_method_label)
                    })
                }}
            </p>
            {move || bill_line().map(|line| view! { <p class="plw-record__meta">{line}</p> })}
            <p class="plw-record__meta">
                {move || r.with_value(|r| t_with(locale.get(), Key::RecordsReceipt, &[("number", &r.receipt_number)]))}
            </p>
        </li>
    }
}

/// The records as a keyed list (a new page adds rows; the others stay), or the empty state.
#[component]
pub fn RecordList(#[prop(into)] records: Signal<Vec<Repayment>>, of_bill: bool) -> impl IntoView {
    move || {
        if records.with(Vec::is_empty) {
            return view! {
                <p class="plw-muted" data-testid="records-empty">
                    {tr(Key::RecordsEmpty)}
                </p>
            }
            .into_any();
        }
        view! {
            <ul class="plw-records__list">
                <For each=move || records.get() key=|r| r.id.clone() let:record>
                    <Record record=record of_bill=of_bill />
                </For>
            </ul>
        }
        .into_any()
    }
}

/// All the shopper's records, a page at a time.
#[component]
pub fn Records(list: UsePagedListReturn<Repayment>) -> impl IntoView {
    view! {
        <section class="plw-records" data-testid="records">
            <h3 class="plw-records__heading">{tr(Key::RecordsHeading)}</h3>
            <AsyncView
                state=list.phase
                on_retry=list.reload
                loading=Key::RecordsLoading
                error_testid="records-error"
                children=move |()| {
                    view! {
                        <RecordList records=list.items of_bill=false />
                        {move || {
                            list.has_more
                                .get()
                                .then(|| {
                                    view! {
                                        <ShowMore
                                            label=Key::RecordsMore
                                            pending=list.more_pending
                                            error=list.more_error
                                            on_more=list.more
                                        />
                                    }
                                })
                        }}
                    }
                }
            />
        </section>
    }
}

//! Repayment records, newest first: time, amount, method, receipt number, and the bill. All of
//! them, or one bill's.

use leptos::prelude::*;
use paylater_core::api::{PageRequest, Repayment, RepaymentList};
use paylater_core::client::ClientError;
use paylater_core::locale::{Locale, format_date_time, format_money};

use crate::components::notice::RetryError;
use crate::components::show_more::ShowMore;
use crate::i18n::{Key, t, t_with};

/// The shopper's UTC offset, from the browser.
pub fn local_offset() -> paylater_core::time::UtcOffset {
    let minutes = -(js_sys::Date::new_0().get_timezone_offset() as i32);
    paylater_core::time::UtcOffset::from_whole_seconds(minutes * 60).unwrap_or(paylater_core::time::UtcOffset::UTC)
}

#[component]
pub fn Records(
    records: LocalResource<Result<RepaymentList, ClientError>>,
    /// Only this bill's records, or all.
    bill_id: Option<String>,
    locale: Signal<Locale>,
) -> impl IntoView {
    let of_bill = bill_id.is_some();
    // The next page of all records, appended.
    let api = expect_context::<crate::api::ApiHandle>();
    let more = Action::new_local(move |cursor: &String| {
        let cursor = cursor.clone();
        let client = api.get_value();
        async move {
            let page =
                client.repayments(None, &PageRequest::after(crate::components::bills::PAGE_SIZE, &cursor)).await?;
            // After the current reactive update: the list is redrawn by this.
            leptos::task::tick().await;
            records.update(|current| {
                if let Some(Ok(list)) = current {
                    list.repayments.extend(page.repayments);
                    list.next_cursor = page.next_cursor;
                }
            });
            Ok::<(), ClientError>(())
        }
    });
    // Owned here, not by the list they sit under (which is redrawn when a page arrives).
    let more_pending: Signal<bool> = more.pending().into();
    let more_error = Signal::derive(move || more.value().get().and_then(Result::err));
    let heading = if of_bill { Key::RecordsBillHeading } else { Key::RecordsHeading };
    let body = move || {
        let loc = locale.get();
        match records.get() {
            None => view! { <p class="plw-muted">{t(loc, Key::RecordsLoading)}</p> }.into_any(),
            Some(Err(e)) => {
                view! { <RetryError error=e locale=locale on_retry=Callback::new(move |_| records.refetch()) testid="records-error" /> }
                    .into_any()
            }
            Some(Ok(list)) => {
                let next = if of_bill { None } else { list.next_cursor.clone() };
                let more = next.map(|cursor| {
                    view! {
                        <ShowMore
                            label=Key::RecordsMore
                            pending=more_pending
                            error=more_error
                            locale=locale
                            on_more=Callback::new(move |_| { more.dispatch_local(cursor.clone()); })
                        />
                    }
                });
                let mine: Vec<Repayment> = list
                    .repayments
                    .into_iter()
                    .filter(|r| bill_id.as_ref().is_none_or(|id| *id == r.bill_id))
                    .collect();
                if mine.is_empty() {
                    view! { <p class="plw-muted" data-testid="records-empty">{t(loc, Key::RecordsEmpty)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="plw-records__list">{mine.into_iter().map(|r| record_item(r, loc, of_bill)).collect_view()}</ul>
                        {more}
                    }
                        .into_any()
                }
            }
        }
    };
    view! {
        <section class="plw-records" data-testid=if of_bill { "bill-records" } else { "records" }>
            {if of_bill {
                view! { <h4 class="plw-records__heading">{move || t(locale.get(), heading)}</h4> }.into_any()
            } else {
                view! { <h3 class="plw-records__heading">{move || t(locale.get(), heading)}</h3> }.into_any()
            }}
            {body}
        </section>
    }
}

fn record_item(r: Repayment, loc: Locale, of_bill: bool) -> impl IntoView {
    let when = format_date_time(r.paid_at, local_offset(), loc);
    let bill_line =
        (!of_bill).then(|| t_with(loc, Key::RepayBill, &[("merchant", &r.merchant_name), ("order", &r.order_id)]));
    view! {
        <li class="plw-record" data-receipt=r.receipt_number.clone()>
            <div class="plw-record__main">
                <strong class="plw-record__amount">{format_money(&r.amount, loc)}</strong>
                <span class="plw-record__time">{when}</span>
            </div>
            <p class="plw-record__meta">{r.payment_method_label.clone()}</p>
            {bill_line.map(|line| view! { <p class="plw-record__meta">{line}</p> })}
            <p class="plw-record__meta">{t_with(loc, Key::RecordsReceipt, &[("number", &r.receipt_number)])}</p>
        </li>
    }
}

//! Early repayment (提前还款), in a modal dialog.
//!
//! Choose what to repay (the next installment, or settle the bill) → the API quotes the exact
//! amount with its breakdown and how long it holds (when it expires the dialog asks for a new
//! quote and says the amount was refreshed: it never pays a stale amount) → choose a payment
//! method (one that cannot cover the total is shown as such and cannot be chosen) → pay, with an
//! Idempotency-Key reused on every retry of the same payment (disabled and busy while in flight)
//! → the confirmation with the receipt number replaces the form and is announced; the bill list
//! updates at once.
//!
//! A payment that goes unanswered (timeout, dropped connection, unreadable answer) is never
//! reported as failed: the dialog says it is checking, asks again with the same key, then looks
//! for the quote's record among the bill's repayments. If it still cannot tell, the choices stay
//! locked and the only action is "Check again" (the same request, the same key): no second
//! payment for that quote can start, and the dialog cannot be closed while a payment is in flight.
//!
//! A modal done right: the native `<dialog>` opened with `showModal()` (the page behind is
//! inert), focus starts inside and Tab wraps inside, Escape and the close button close it, focus
//! returns to the button that opened it (the caller's job), and the page behind does not scroll.

use leptos::prelude::*;
use paylater_core::api::{
    Bill, ErrorCode, PaymentMethod, PaymentMethodKind, Quote, QuoteRequest, QuoteScope, RepaymentRequest,
    RepaymentResult,
};
use paylater_core::locale::{Locale, format_date, format_date_time, format_money, format_time};
use serde::Serialize;
use wasm_bindgen::JsCast;

use crate::api::ApiHandle;
use crate::components::notice::RetryError;
use crate::components::records::local_offset;
use crate::errors::{Call, message_key};
use crate::events::{WidgetEvent, emit};
use crate::i18n::{Key, t, t_with};
use crate::idempotency::new_key;

/// `detail` of `paylater:repaid`.
#[derive(Serialize)]
struct RepaidDetail<'a> {
    repayment_id: &'a str,
    receipt_number: &'a str,
    bill_id: &'a str,
    scope: QuoteScope,
    amount: &'a paylater_core::Money,
    payment_method_kind: PaymentMethodKind,
    bill_status: paylater_core::api::BillStatus,
}

/// How a payment method is named to the shopper.
pub fn method_name(method: &PaymentMethod, locale: Locale) -> String {
    match &method.last4 {
        Some(last4) => t_with(locale, Key::RepayMethodCard, &[("label", &method.label), ("last4", last4)]),
        None => method.label.clone(),
    }
}

fn covers(method: &PaymentMethod, quote: &Quote) -> bool {
    method.available.checked_cmp(&quote.breakdown.total).is_ok_and(|o| o != core::cmp::Ordering::Less)
}

/// After a payment went unanswered: asks again with the same key (the API answers with the first
/// result and never pays twice); if that goes unanswered too, looks for the record of this quote
/// among the bill's repayments (a quote pays at most once). Gives back `first` if the outcome is
/// still unknown.
async fn find_repayment(
    client: &crate::api::ApiClient,
    key: &str,
    request: &RepaymentRequest,
    bill_id: &str,
    first: paylater_core::client::ClientError,
) -> Result<RepaymentResult, paylater_core::client::ClientError> {
    match client.repay(key, request).await {
        Err(e) if e.outcome_unknown() => {}
        other => return other,
    }
    let page = paylater_core::api::PageRequest::first(paylater_core::api::PageRequest::MAX_LIMIT);
    if let Ok(list) = client.repayments(Some(bill_id), &page).await
        && let Some(repayment) = list.repayments.into_iter().find(|r| r.quote_id == request.quote_id)
        && let Ok(bill) = client.bill(bill_id).await
    {
        return Ok(RepaymentResult { repayment, bill });
    }
    Err(first)
}

/// Stops the page behind the dialog from scrolling; gives the previous value back on drop.
fn lock_page_scroll() -> Option<String> {
    let body = web_sys::window()?.document()?.body()?;
    let style = body.style();
    let previous = style.get_property_value("overflow").ok()?;
    style.set_property("overflow", "hidden").ok()?;
    Some(previous)
}

fn unlock_page_scroll(previous: &str) {
    if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
        let _ = body.style().set_property("overflow", previous);
    }
}

/// Keeps Tab inside `dialog`: from the last focusable element to the first and back.
fn trap_tab(dialog: &web_sys::HtmlDialogElement, ev: &web_sys::KeyboardEvent) {
    let Ok(list) = dialog.query_selector_all("button:not([disabled]), input:not([disabled]), [tabindex='0']") else {
        return;
    };
    let focusable: Vec<web_sys::HtmlElement> =
        (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into().ok()).collect();
    let (Some(first), Some(last)) = (focusable.first(), focusable.last()) else { return };
    let active = dialog.get_root_node().dyn_into::<web_sys::ShadowRoot>().ok().and_then(|r| r.active_element());
    let at = |el: &web_sys::HtmlElement| active.as_ref().is_some_and(|a| a == el.unchecked_ref::<web_sys::Element>());
    if ev.shift_key() && at(first) {
        ev.prevent_default();
        let _ = last.focus();
    } else if !ev.shift_key() && at(last) {
        ev.prevent_default();
        let _ = first.focus();
    }
}

#[component]
pub fn RepayDialog(
    bill: Bill,
    locale: Signal<Locale>,
    on_close: Callback<()>,
    on_repaid: Callback<RepaymentResult>,
    /// The dialog was closed while a payment's outcome was still unknown: the caller reloads.
    on_closed_unconfirmed: Callback<()>,
) -> impl IntoView {
    let api = expect_context::<ApiHandle>();
    let bill = StoredValue::new(bill);
    let scope = RwSignal::new(QuoteScope::NextInstallment);
    let requote = RwSignal::new(0u32);
    let refreshed = RwSignal::new(false);
    let method = RwSignal::new(None::<String>);
    let show_error = RwSignal::new(false);
    // The key of the last payment sent, with its request: a retry of the same payment reuses it.
    let keys = StoredValue::new(None::<(RepaymentRequest, String)>);
    let expiry_timer = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);

    let quote = LocalResource::new(move || {
        let scope = scope.get();
        requote.track();
        let bill_id = bill.with_value(|b| b.id.clone());
        let client = api.get_value();
        async move { client.quote(&bill_id, &QuoteRequest { scope }).await }
    });
    let methods = LocalResource::new(move || {
        let client = api.get_value();
        async move { client.payment_methods().await }
    });
    // Set while an unanswered payment is replayed and looked up.
    let verifying = RwSignal::new(false);
    let pay = Action::new_local(move |input: &(RepaymentRequest, String)| {
        let (request, key) = input.clone();
        let client = api.get_value();
        let bill_id = bill.with_value(|b| b.id.clone());
        async move {
            match client.repay(&key, &request).await {
                Err(e) if e.outcome_unknown() => {
                    verifying.try_set(true);
                    let found = find_repayment(&client, &key, &request, &bill_id, e).await;
                    verifying.try_set(false);
                    found
                }
                other => other,
            }
        }
    });
    // The last payment went unanswered and could not be looked up: it may have gone through.
    let unconfirmed = Memo::new(move |_| {
        !pay.pending().get() && matches!(pay.value().get(), Some(Err(ref e)) if e.outcome_unknown())
    });
    let locked = Signal::derive(move || pay.pending().get() || unconfirmed.get());
    let close = Callback::new(move |_: ()| {
        if pay.pending().get_untracked() {
            return; // a payment is in flight: its outcome is shown here first
        }
        if unconfirmed.get_untracked() {
            on_closed_unconfirmed.run(());
        }
        on_close.run(());
    });

    // When the quote expires, ask for a new one and say so. The timer runs from the moment the
    // quote arrives for the quote's own lifetime (less a second), so clock skew does not matter.
    Effect::new(move |_| {
        if let Some(Ok(q)) = quote.get() {
            let lifetime = (q.expires_at - q.created_at).whole_milliseconds().clamp(0, i128::from(u32::MAX));
            let wait = u32::try_from(lifetime).unwrap_or(u32::MAX).saturating_sub(1_000).max(500);
            let timer = gloo_timers::callback::Timeout::new(wait, move || {
                // Never while a payment for this quote is in flight or unconfirmed: a new quote
                // would be a new payment.
                if !locked.get_untracked() && !matches!(pay.value().get_untracked(), Some(Ok(_))) {
                    refreshed.set(true);
                    requote.update(|n| *n += 1);
                }
            });
            expiry_timer.set_value(Some(timer));
        }
    });
    // A renewed session or a connection back: make the reads that failed again.
    if let Some(refresh) = use_context::<crate::api::RefreshSignal>() {
        Effect::new(move |previous: Option<u32>| {
            let now = refresh.get();
            if previous.is_some_and(|p| p != now) {
                if matches!(quote.get_untracked(), Some(Err(_))) {
                    requote.update(|n| *n += 1);
                }
                if matches!(methods.get_untracked(), Some(Err(_))) {
                    methods.refetch();
                }
            }
            now
        });
    }
    // Keep a method that covers the total selected.
    Effect::new(move |_| {
        let (Some(Ok(q)), Some(Ok(list))) = (quote.get(), methods.get()) else { return };
        let current_covers = method
            .get_untracked()
            .and_then(|id| list.payment_methods.iter().find(|m| m.id == id).cloned())
            .is_some_and(|m| covers(&m, &q));
        if !current_covers {
            method.set(list.payment_methods.iter().find(|m| covers(m, &q)).map(|m| m.id.clone()));
        }
    });
    Effect::new(move |_| match pay.value().get() {
        Some(Ok(result)) => {
            let r = &result.repayment;
            emit(
                WidgetEvent::Repaid,
                &RepaidDetail {
                    repayment_id: &r.id,
                    receipt_number: &r.receipt_number,
                    bill_id: &r.bill_id,
                    scope: r.scope,
                    amount: &r.amount,
                    payment_method_kind: r.payment_method_kind,
                    bill_status: result.bill.status,
                },
            );
            on_repaid.run(result);
        }
        Some(Err(e)) => {
            show_error.set(true);
            if e.code() == Some(ErrorCode::QuoteExpired) {
                refreshed.set(true);
                requote.update(|n| *n += 1);
            }
        }
        None => {}
    });

    let submit = move |_| {
        if pay.pending().get_untracked() {
            return;
        }
        // A payment whose outcome is unknown is only ever checked again: same request, same key.
        if unconfirmed.get_untracked()
            && let Some(sent) = keys.get_value()
        {
            show_error.set(false);
            pay.dispatch_local(sent);
            return;
        }
        let (Some(Ok(q)), Some(method_id)) = (quote.get_untracked(), method.get_untracked()) else { return };
        let request = RepaymentRequest { quote_id: q.id.clone(), payment_method_id: method_id };
        let reused = keys.with_value(|k| k.as_ref().filter(|(r, _)| *r == request).map(|(_, key)| key.clone()));
        let key = reused.unwrap_or_else(|| {
            let key = new_key();
            keys.set_value(Some((request.clone(), key.clone())));
            key
        });
        show_error.set(false);
        refreshed.set(false);
        pay.dispatch_local((request, key));
    };

    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let previous_overflow = StoredValue::new(None::<String>);
    dialog.on_load(move |d| {
        previous_overflow.set_value(lock_page_scroll());
        let _ = d.show_modal();
    });
    on_cleanup(move || {
        if let Some(previous) = previous_overflow.try_get_value().flatten() {
            unlock_page_scroll(&previous);
        }
    });
    let on_keydown = move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            close.run(());
        }
        "Tab" => {
            if let Some(d) = dialog.get_untracked() {
                trap_tab(&d, &ev);
            }
        }
        _ => {}
    };

    let announcement = move || {
        let loc = locale.get();
        match pay.value().get() {
            Some(Ok(r)) => format!(
                "{} {}",
                t(loc, Key::RepayDone),
                t_with(loc, Key::RecordsReceipt, &[("number", &r.repayment.receipt_number)])
            ),
            _ if verifying.get() => t(loc, Key::RepayVerifying).to_owned(),
            _ if refreshed.get() => t(loc, Key::RepayRefreshed).to_owned(),
            _ => String::new(),
        }
    };
    let bill_line = move || {
        bill.with_value(|b| {
            t_with(locale.get(), Key::RepayBill, &[("merchant", &b.merchant_name), ("order", &b.order_id)])
        })
    };

    view! {
        <dialog
            class="plw-dialog"
            node_ref=dialog
            aria-labelledby="plw-repay-title"
            aria-describedby="plw-repay-bill"
            on:keydown=on_keydown
        >
            <div class="plw-dialog__head">
                <h2 id="plw-repay-title" class="plw-dialog__title">{move || t(locale.get(), Key::RepayTitle)}</h2>
                <button
                    type="button"
                    class="plw-dialog__close"
                    aria-label=move || t(locale.get(), Key::RepayClose)
                    disabled=move || pay.pending().get()
                    on:click=move |_| close.run(())
                >
                    <span aria-hidden="true">"×"</span>
                </button>
            </div>
            <p id="plw-repay-bill" class="plw-dialog__bill">{bill_line}</p>
            <p class="plw-visually-hidden" role="status">{announcement}</p>
            {move || match pay.value().get() {
                Some(Ok(result)) => view! { <Repaid result=result locale=locale on_close=close /> }.into_any(),
                _ => view! {
                    <ScopeChoice bill=bill scope=scope locale=locale disabled=locked on_change=Callback::new(move |_| { show_error.set(false); refreshed.set(false); }) />
                    <div class="plw-quote" aria-busy=move || quote.get().is_none().to_string()>
                        {move || match quote.get() {
                            None => view! { <p class="plw-muted">{move || t(locale.get(), Key::RepayQuoteLoading)}</p> }.into_any(),
                            Some(Err(e)) => view! {
                                <RetryError error=e locale=locale on_retry=Callback::new(move |_| requote.update(|n| *n += 1)) />
                            }
                                .into_any(),
                            Some(Ok(q)) => view! { <Breakdown quote=q locale=locale refreshed=refreshed /> }.into_any(),
                        }}
                    </div>
                    <MethodChoice methods=methods quote=quote method=method locale=locale disabled=locked on_change=Callback::new(move |_| show_error.set(false)) />
                    {move || {
                        let error = pay.value().get().and_then(Result::err)?;
                        if !show_error.get() || error.code() == Some(ErrorCode::QuoteExpired) {
                            return None;
                        }
                        let key = message_key(Call::Repayment, &error);
                        Some(view! { <p class="plw-error" role="alert" data-testid="repay-error">{move || t(locale.get(), key)}</p> })
                    }}
                    <button
                        type="button"
                        class="plw-button plw-button--primary plw-button--block"
                        disabled=move || pay.pending().get() || !unconfirmed.get() && (method.get().is_none() || !matches!(quote.get(), Some(Ok(_))))
                        aria-busy=move || pay.pending().get().to_string()
                        on:click=submit
                    >
                        {move || {
                            let loc = locale.get();
                            if pay.pending().get() && verifying.get() {
                                t(loc, Key::RepayVerifying).to_owned()
                            } else if pay.pending().get() {
                                t(loc, Key::RepayPaying).to_owned()
                            } else if unconfirmed.get() {
                                t(loc, Key::RepayCheckAgain).to_owned()
                            } else if let Some(Ok(q)) = quote.get() {
                                t_with(loc, Key::RepayPay, &[("amount", &format_money(&q.breakdown.total, loc))])
                            } else {
                                t(loc, Key::RepayQuoteLoading).to_owned()
                            }
                        }}
                    </button>
                }
                    .into_any(),
            }}
        </dialog>
    }
}

#[component]
fn ScopeChoice(
    bill: StoredValue<Bill>,
    scope: RwSignal<QuoteScope>,
    locale: Signal<Locale>,
    disabled: Signal<bool>,
    on_change: Callback<()>,
) -> impl IntoView {
    let option = move |value: QuoteScope| {
        let label = move || {
            let loc = locale.get();
            bill.with_value(|b| match value {
                QuoteScope::NextInstallment => {
                    let next = b.next_due.as_ref();
                    let n = next.map(|n| n.installment_number).unwrap_or(1).to_string();
                    let mut text =
                        t_with(loc, Key::RepayScopeNext, &[("n", &n), ("count", &b.installments.len().to_string())]);
                    if let Some(next) = next {
                        text.push_str(&format!(" · {}", format_date(next.due_date, loc)));
                    }
                    text
                }
                QuoteScope::Settle => t(loc, Key::RepayScopeSettle).to_owned(),
            })
        };
        view! {
            <label class="plw-plan-option">
                <input
                    type="radio"
                    name="plw-repay-scope"
                    prop:checked=move || scope.get() == value
                    on:change=move |_| {
                        scope.set(value);
                        on_change.run(());
                    }
                />
                <span class="plw-plan-option__name">{label}</span>
            </label>
        }
    };
    view! {
        <fieldset class="plw-plans" disabled=move || disabled.get()>
            <legend class="plw-plans__legend">{move || t(locale.get(), Key::RepayScopeLegend)}</legend>
            <div class="plw-plans__options">
                {option(QuoteScope::NextInstallment)}
                {option(QuoteScope::Settle)}
            </div>
        </fieldset>
    }
}

#[component]
fn Breakdown(quote: Quote, locale: Signal<Locale>, refreshed: RwSignal<bool>) -> impl IntoView {
    let quote = StoredValue::new(quote);
    move || {
        let loc = locale.get();
        let q = quote.get_value();
        let b = &q.breakdown;
        let row = |key: Key, amount: &paylater_core::Money, testid: &'static str| {
            view! {
                <div>
                    <dt>{t(loc, key)}</dt>
                    <dd data-testid=testid>{format_money(amount, loc)}</dd>
                </div>
            }
        };
        let holds =
            t_with(loc, Key::RepayHoldsUntil, &[("time", &format_time(q.expires_at.to_offset(local_offset())))]);
        view! {
            {refreshed.get().then(|| view! { <p class="plw-notice-inline" data-testid="quote-refreshed">{t(loc, Key::RepayRefreshed)}</p> })}
            <dl class="plw-breakdown" data-testid="breakdown" data-quote-id=q.id.clone()>
                {row(Key::RepayBreakdownPrincipal, &b.principal, "quote-principal")}
                {row(Key::RepayBreakdownFees, &b.fees, "quote-fees")}
                {row(Key::RepayBreakdownLateInterest, &b.late_interest, "quote-late-interest")}
                {row(Key::RepayBreakdownFeesWaived, &b.fees_waived, "quote-fees-waived")}
                <div class="plw-breakdown__total">
                    <dt>{t(loc, Key::RepayBreakdownTotal)}</dt>
                    <dd data-testid="quote-total">{format_money(&b.total, loc)}</dd>
                </div>
            </dl>
            <p class="plw-muted">{holds}</p>
        }
    }
}

#[component]
fn MethodChoice(
    methods: LocalResource<Result<paylater_core::api::PaymentMethodList, paylater_core::client::ClientError>>,
    quote: LocalResource<Result<Quote, paylater_core::client::ClientError>>,
    method: RwSignal<Option<String>>,
    locale: Signal<Locale>,
    disabled: Signal<bool>,
    on_change: Callback<()>,
) -> impl IntoView {
    move || {
        let loc = locale.get();
        let list = match methods.get() {
            None => return view! { <p class="plw-muted">{t(loc, Key::RepayQuoteLoading)}</p> }.into_any(),
            Some(Err(e)) => {
                return view! { <RetryError error=e locale=locale on_retry=Callback::new(move |_| methods.refetch()) /> }
                    .into_any();
            }
            Some(Ok(list)) => list.payment_methods,
        };
        let q = quote.get().and_then(Result::ok);
        let none_covers = q.as_ref().is_some_and(|q| !list.iter().any(|m| covers(m, q)));
        let options = list
            .into_iter()
            .map(|m| {
                let enough = q.as_ref().is_none_or(|q| covers(&m, q));
                let id = m.id.clone();
                let checked_id = m.id.clone();
                let detail = if enough {
                    t_with(loc, Key::RepayMethodCanPay, &[("amount", &format_money(&m.available, loc))])
                } else {
                    t_with(loc, Key::RepayMethodShort, &[("amount", &format_money(&m.available, loc))])
                };
                view! {
                    <label class="plw-plan-option" class:plw-plan-option--disabled=!enough data-method=m.id.clone()>
                        <input
                            type="radio"
                            name="plw-repay-method"
                            disabled=!enough
                            prop:checked=move || method.get().as_deref() == Some(checked_id.as_str())
                            on:change=move |_| {
                                method.set(Some(id.clone()));
                                on_change.run(());
                            }
                        />
                        <span class="plw-plan-option__text">
                            <span class="plw-plan-option__name">{method_name(&m, loc)}</span>
                            <span class="plw-plan-option__summary">{detail}</span>
                        </span>
                    </label>
                }
            })
            .collect_view();
        view! {
            <fieldset class="plw-plans" disabled=move || disabled.get()>
                <legend class="plw-plans__legend">{t(loc, Key::RepayMethodsLegend)}</legend>
                <div class="plw-plans__options">{options}</div>
                {none_covers.then(|| {
                    let total = q.as_ref().map(|q| format_money(&q.breakdown.total, loc)).unwrap_or_default();
                    view! { <p class="plw-error" role="alert" data-testid="no-method">{t_with(loc, Key::RepayNoMethod, &[("amount", &total)])}</p> }
                })}
            </fieldset>
        }
            .into_any()
    }
}

#[component]
fn Repaid(result: RepaymentResult, locale: Signal<Locale>, on_close: Callback<()>) -> impl IntoView {
    let heading = NodeRef::<leptos::html::H3>::new();
    heading.on_load(|h| {
        let _ = h.focus();
    });
    let r = StoredValue::new(result.repayment);
    view! {
        <div class="plw-panel plw-confirmed" data-testid="repaid">
            <h3 class="plw-confirmed__heading" tabindex="-1" node_ref=heading>
                <span class="plw-confirmed__tick" aria-hidden="true">"✓"</span>
                {move || t(locale.get(), Key::RepayDone)}
            </h3>
            <p>
                {move || {
                    let loc = locale.get();
                    r.with_value(|r| {
                        t_with(
                            loc,
                            Key::RepayDoneDetail,
                            &[
                                ("amount", &format_money(&r.amount, loc)),
                                ("method", &r.payment_method_label),
                                ("time", &format_date_time(r.paid_at, local_offset(), loc)),
                            ],
                        )
                    })
                }}
            </p>
            <dl class="plw-breakdown">
                <div class="plw-breakdown__total">
                    <dt>{move || t(locale.get(), Key::RepayReceipt)}</dt>
                    <dd data-testid="receipt">{r.with_value(|r| r.receipt_number.clone())}</dd>
                </div>
            </dl>
            <button type="button" class="plw-button plw-button--primary plw-button--block" on:click=move |_| on_close.run(())>
                {move || t(locale.get(), Key::RepayClose)}
            </button>
        </div>
    }
}

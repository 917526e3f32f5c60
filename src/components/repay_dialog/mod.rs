//! Early repayment (提前还款), in a modal dialog.
//!
//! What to repay ([`scope`]: the next installment, settling the bill, or another amount typed in
//! [`amount_entry`], checked before any call) → the API's quote with its breakdown and how long it holds ([`breakdown`]; when it expires a new one is asked for and the
//! dialog says the amount was refreshed: it never pays a stale amount) → how to pay ([`methods`]) →
//! Pay, as a verified write ([`payment`]: one key per payment, replayed when unanswered, looked
//! up among the bill's records, unconfirmed with only "Check again"; the dialog cannot close while
//! a payment is in flight) → the receipt ([`receipt`]), and the list updates at once.

mod amount_entry;
mod breakdown;
mod methods;
mod payment;
mod receipt;
mod scope;

use leptos::prelude::*;
use paylater_core::Money;
use paylater_core::api::{
    Bill, ErrorCode, PaymentMethodId, QuoteRequest, QuoteScope, RepaymentRequest, RepaymentResult,
};
use paylater_core::client::verified::WriteOutcome;
use paylater_core::locale::format_money;
use web_sys::HtmlElement;

use self::amount_entry::AmountEntry;
use self::breakdown::Breakdown;
use self::methods::MethodChoice;
use self::payment::{RepaymentChannel, covers};
use self::receipt::Receipt;
use self::scope::ScopeChoice;
use crate::context::{Refresh, tr, use_api, use_locale};
use crate::errors::{Call, message_key};
use crate::events::{RepaidDetail, WidgetEvent, emit};
use crate::hooks::read::{use_payment_methods, use_read};
use crate::hooks::verified_write::{UseVerifiedWriteOptions, WriteLabels, WriteState, use_verified_write};
use crate::i18n::{Key, t, t_with};
use crate::ui::async_view::AsyncView;
use crate::ui::modal::Modal;

/// The dialog's stylesheet.
pub const STYLES: &[&str] = &[css!("src/components/repay_dialog/repay_dialog.css")];

#[component]
pub fn RepayDialog(
    bill: Bill,
    on_close: Callback<()>,
    on_repaid: Callback<RepaymentResult>,
    /// The dialog was closed while a payment's outcome was still unknown: the caller reloads.
    on_closed_unconfirmed: Callback<()>,
    #[prop(optional)] fallback_focus: Option<Callback<(), Option<HtmlElement>>>,
) -> impl IntoView {
    let client = use_api();
    let locale = use_locale();
    let bill_id = bill.id.clone();
    let bill = StoredValue::new(bill);
    let scope = RwSignal::new(QuoteScope::NextInstallment);
    // Another amount, once the shopper asked for it with one the rule accepts.
    let amount = RwSignal::new(None::<Money>);
    let currency = bill.with_value(|b| b.principal.currency());
    let requote = RwSignal::new(0u32);
    let refreshed = RwSignal::new(false);
    let chosen = RwSignal::new(None::<PaymentMethodId>);
    let show_error = RwSignal::new(false);
    let expiry_timer = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);

    let (quote_client, quote_bill) = (client.clone(), bill_id.clone());
    let asked = use_read(
        move || {
            requote.track();
            (scope.get(), amount.get())
        },
        move |(scope, amount)| {
            let (client, bill_id) = (quote_client.clone(), quote_bill.clone());
            // Another amount is quoted once the shopper asks with one; the other scopes at once.
            let amount = if scope == QuoteScope::Amount { amount } else { None };
            let wait = scope == QuoteScope::Amount && amount.is_none();
            async move {
                if wait {
                    return None;
                }
                Some(client.quote(&bill_id, &QuoteRequest { scope, amount }).await)
            }
        },
    )
    .value;
    let quote = Signal::derive(move || asked.get().flatten());
    // The most another amount can be: what settles the bill (the provider's settle quote).
    let (limit_client, limit_bill) = (client.clone(), bill_id.clone());
    let limit = use_read(
        move || scope.get() == QuoteScope::Amount,
        move |wanted| {
            let (client, bill_id) = (limit_client.clone(), limit_bill.clone());
            // (The same answer type as the quote's read: one copy of the read's code.)
            async move {
                let request = QuoteRequest { scope: QuoteScope::Settle, amount: None };
                if wanted { Some(client.quote(&bill_id, &request).await) } else { None }
            }
        },
    )
    .value;
    let limit = Signal::derive(move || limit.get().flatten().and_then(Result::ok).map(|q| q.breakdown.total));
    let methods = use_payment_methods();
    let pay = use_verified_write(UseVerifiedWriteOptions {
        channel: RepaymentChannel { client, bill_id },
        labels: WriteLabels {
            sending: Key::RepayPaying,
            verifying: Key::RepayVerifying,
            check_again: Key::RepayCheckAgain,
        },
    });
    // Only a quote for the scope chosen: while the other scope's quote is on its way, none (so Pay
    // never shows or pays the amount of the scope the shopper just left).
    // For another amount, only the quote of the amount in the field.
    let current_quote = Signal::derive(move || {
        quote.get().and_then(Result::ok).filter(|q| {
            q.scope == scope.get() && (q.scope != QuoteScope::Amount || Some(q.breakdown.total) == amount.get())
        })
    });
    let waiting_for_amount = Signal::derive(move || scope.get() == QuoteScope::Amount && amount.get().is_none());
    // The method in effect: the one chosen if it covers the total, else the first that does.
    let method = Memo::new(move |_| {
        let (Some(q), Some(Ok(list))) = (current_quote.get(), methods.value.get()) else { return chosen.get() };
        let covering = |id: &PaymentMethodId| list.payment_methods.iter().any(|m| m.id == *id && covers(m, &q));
        chosen
            .get()
            .filter(covering)
            .or_else(|| list.payment_methods.iter().find(|m| covers(m, &q)).map(|m| m.id.clone()))
    });
    let unconfirmed = Signal::derive(move || pay.state.get() == WriteState::Unconfirmed);
    let paid = Signal::derive(move || matches!(pay.outcome.get(), Some(WriteOutcome::Done(_))));
    let in_flight = Signal::derive(move || pay.locked.get() && !unconfirmed.get());

    // When the quote expires, ask for a new one and say so; never while a payment for it is in
    // flight, unconfirmed or done (a new quote would be a new payment).
    Effect::new(move |_| {
        if let Some(q) = current_quote.get() {
            let lifetime = (q.expires_at - q.created_at).whole_milliseconds().clamp(0, i128::from(u32::MAX));
            let wait = u32::try_from(lifetime).unwrap_or(u32::MAX).saturating_sub(1_000).max(500);
            let timer = gloo_timers::callback::Timeout::new(wait, move || {
                if !pay.locked.get_untracked() && !paid.get_untracked() {
                    refreshed.set(true);
                    requote.update(|n| *n += 1);
                }
            });
            expiry_timer.set_value(Some(timer));
        }
    });
    // A renewed session or a connection back: make the reads that failed again.
    if let Some(Refresh(refresh)) = use_context::<Refresh>() {
        Effect::new(move |previous: Option<u32>| {
            let now = refresh.get();
            if previous.is_some_and(|p| p != now) {
                if matches!(quote.get_untracked(), Some(Err(_))) {
                    requote.update(|n| *n += 1);
                }
                if matches!(methods.value.get_untracked(), Some(Err(_))) {
                    methods.refetch.notify();
                }
            }
            now
        });
    }
    Effect::new(move |_| match pay.outcome.get() {
        Some(WriteOutcome::Done(result)) => {
            let r = &result.repayment;
            let detail = RepaidDetail {
                repayment_id: &r.id,
                receipt_number: &r.receipt_number,
                bill_id: &r.bill_id,
                scope: r.scope,
                amount: &r.amount,
                payment_method_kind: r.payment_method_kind,
                bill_status: result.bill.status,
            };
            emit(WidgetEvent::Repaid, &detail);
            on_repaid.run(result);
        }
        Some(WriteOutcome::Refused(e) | WriteOutcome::Unconfirmed(e)) => {
            show_error.set(true);
            if e.code() == Some(ErrorCode::QuoteExpired) {
                refreshed.set(true);
                requote.update(|n| *n += 1);
            }
        }
        None => {}
    });

    let submit = move |_| {
        show_error.set(false);
        // A payment whose outcome is unknown is only ever checked again: the same request, the same key.
        if unconfirmed.get_untracked() {
            pay.retry.run(());
            return;
        }
        let (Some(q), Some(method)) = (current_quote.get_untracked(), method.get_untracked()) else { return };
        refreshed.set(false);
        pay.submit.run(RepaymentRequest { quote_id: q.id, payment_method_id: method });
    };
    let close = Callback::new(move |_: ()| {
        if unconfirmed.get_untracked() {
            on_closed_unconfirmed.run(());
        }
        on_close.run(());
    });
    let announcement = move || {
        let loc = locale.get();
        match pay.outcome.get() {
            Some(WriteOutcome::Done(r)) => {
                format!(
                    "{} {}",
                    t(loc, Key::RepayDone),
                    t_with(loc, Key::RecordsReceipt, &[("number", &r.repayment.receipt_number)])
                )
            }
            _ if pay.state.get() == WriteState::Verifying => t(loc, Key::RepayVerifying).to_owned(),
            _ if refreshed.get() => t(loc, Key::RepayRefreshed).to_owned(),
            _ => String::new(),
        }
    };
    let error = move || {
        let e = pay.error.get()?;
        (show_error.get() && e.code() != Some(ErrorCode::QuoteExpired)).then(|| message_key(Call::Repayment, &e))
    };
    let pay_label = move || {
        let loc = locale.get();
        match (pay.busy_label.get(), current_quote.get()) {
            (Some(key), _) => t(loc, key).to_owned(),
            (None, Some(q)) => t_with(loc, Key::RepayPay, &[("amount", &format_money(&q.breakdown.total, loc))]),
            (None, None) => t(loc, Key::RepayQuoteLoading).to_owned(),
        }
    };
    let description = Signal::derive(move || {
        bill.with_value(|b| {
            t_with(locale.get(), Key::RepayBill, &[("merchant", &b.merchant_name), ("order", &b.order_id)])
        })
    });
    view! {
        <Modal
            title=Key::RepayTitle
            title_id="plw-repay-title"
            description=description
            can_close=Signal::derive(move || !in_flight.get())
            on_close=close
            fallback_focus=fallback_focus.unwrap_or_else(|| Callback::new(|_| None))
        >
            <p class="plw-visually-hidden" role="status">
                {announcement}
            </p>
            {move || match pay.outcome.get() {
                Some(WriteOutcome::Done(result)) => {
                    view! { <Receipt repayment=result.repayment on_close=close /> }.into_any()
                }
                _ => {
                    view! {
                        <ScopeChoice
                            bill=bill
                            scope=scope
                            disabled=pay.locked
                            on_change=Callback::new(move |_| {
                                show_error.set(false);
                                refreshed.set(false);
                            })
                        />
                        {move || {
                            (scope.get() == QuoteScope::Amount)
                                .then(|| {
                                    view! {
                                        <AmountEntry currency=currency limit=limit applied=amount disabled=pay.locked />
                                    }
                                })
                        }}
                        <div class="plw-quote">
                            <Show when=move || !waiting_for_amount.get()>
                                <AsyncView
                                    state=Signal::derive(move || {
                                        quote.get().filter(|r| r.as_ref().map_or(true, |q| q.scope == scope.get()))
                                    })
                                    on_retry=Callback::new(move |_| requote.update(|n| *n += 1))
                                    loading=Key::RepayQuoteLoading
                                    children=move |q| view! { <Breakdown quote=q refreshed=refreshed /> }
                                />
                            </Show>
                        </div>
                        <MethodChoice
                            methods=methods
                            quote=current_quote
                            method=method
                            on_choose=Callback::new(move |id| {
                                chosen.set(Some(id));
                                show_error.set(false);
                            })
                            disabled=pay.locked
                        />
                        {move || {
                            error()
                                .map(|key| {
                                    view! {
                                        <p class="plw-error" role="alert" data-testid="repay-error">
                                            {tr(key)}
                                        </p>
                                    }
                                })
                        }}
                        <button
                            type="button"
                            class="plw-button plw-button--primary plw-button--block"
                            disabled=move || {
                                in_flight.get()
                                    || !unconfirmed.get() && (method.get().is_none() || current_quote.get().is_none())
                            }
                            aria-busy=move || in_flight.get().to_string()
                            // Another amount not yet asked for: nothing to pay yet.
                            hidden=move || waiting_for_amount.get()
                            on:click=submit
                        >
                            {pay_label}
                        </button>
                    }
                        .into_any()
                }
            }}
        </Modal>
    }
}

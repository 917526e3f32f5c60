//! Checkout: 先享后付 / Pay later from the offer to a confirmed order.
//!
//! Offer (the total and "from ¥117.78 / month", computed from the amount) → the shopper chooses
//! pay later → eligibility from the API → not eligible: the reasons in words and a way back to
//! the merchant's other methods; eligible: the plans as a radio group with the selected plan's full
//! schedule, the service agreement to accept if the shopper has not activated, and Confirm →
//! the order is **authorized** with an Idempotency-Key (reused on every retry of the same order, so
//! a double click or a retry never creates a second one) → placed and waiting for the merchant's
//! server to capture it: the widget follows the order and shows it confirmed (with the first due
//! date) once captured, or cancelled / expired with nothing owed.

use leptos::prelude::*;
use paylater_core::api::{
    ActivationRequest, CreateOrderRequest, Eligibility, EligibilityRequest, Order, OrderFilter, PageRequest, PlanKind,
};
use paylater_core::client::ClientError;
use paylater_core::locale::{Locale, format_money};
use paylater_core::plan::lowest_monthly_payment;
use paylater_core::time::Date;
use paylater_core::{Money, Policy};
use serde::Serialize;

use crate::api::{ApiHandle, RefreshSignal};
use crate::components::agreement::AgreementConsent;
use crate::components::decline::Decline;
use crate::components::notice::RetryError;
use crate::components::plan_picker::PlanPicker;
use crate::errors::{Call, message_key};
use crate::events::{WidgetEvent, emit};
use crate::i18n::{Key, t, t_with};
use crate::idempotency::new_key;

/// The order the merchant's page is checking out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderInfo {
    pub amount: Money,
    pub merchant_id: String,
    pub order_id: String,
}

/// Where the checkout is, as `data-status` on its root and in the tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckoutStatus {
    Offer,
    Checking,
    Eligible,
    NotEligible,
    Confirming,
    /// The order call went unanswered: replaying it with the same key and looking it up.
    Verifying,
    /// Still no answer after that: the shopper can only check again (same key), never order twice.
    Unconfirmed,
    Confirmed,
    Failed,
}

impl CheckoutStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            CheckoutStatus::Offer => "offer",
            CheckoutStatus::Checking => "checking",
            CheckoutStatus::Eligible => "eligible",
            CheckoutStatus::NotEligible => "not-eligible",
            CheckoutStatus::Confirming => "confirming",
            CheckoutStatus::Verifying => "verifying",
            CheckoutStatus::Unconfirmed => "unconfirmed",
            CheckoutStatus::Confirmed => "confirmed",
            CheckoutStatus::Failed => "failed",
        }
    }
}

/// Which step of confirming failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    /// Accepting the agreement: changes no money, safe to send again.
    Activation,
    /// Placing the order.
    Order,
}

impl Step {
    const fn as_str(self) -> &'static str {
        match self {
            Step::Activation => "activation",
            Step::Order => "order",
        }
    }
}

#[derive(Clone, Debug)]
struct ConfirmFailure {
    step: Step,
    error: ClientError,
}

impl ConfirmFailure {
    /// The order call went unanswered and could not be looked up: it may exist.
    fn unconfirmed(&self) -> bool {
        self.step == Step::Order && self.error.outcome_unknown()
    }

    fn message_key(&self) -> Key {
        message_key(if self.step == Step::Order { Call::Order } else { Call::Read }, &self.error)
    }
}

/// After an order call went unanswered: asks again with the same key (the API answers with the
/// order if it was placed, and places it once if not); if that goes unanswered too, looks for the
/// order among the shopper's orders. Gives back `first` if the outcome is still unknown.
async fn find_order(
    client: &crate::api::ApiClient,
    key: &str,
    request: &CreateOrderRequest,
    first: ClientError,
) -> Result<Order, ClientError> {
    match client.create_order(key, request).await {
        Err(e) if e.outcome_unknown() => {}
        other => return other,
    }
    // Page through every order, newest first (a bounded number of pages).
    let mut page = PageRequest::first(PageRequest::MAX_LIMIT);
    for _ in 0..50 {
        let Ok(list) = client.orders(OrderFilter::All, &page).await else { break };
        if let Some(order) = list.orders.into_iter().find(|o| {
            o.order_id == request.order_id && o.merchant_id == request.merchant_id && o.amount == request.amount
        }) {
            return Ok(order);
        }
        match list.next_cursor {
            Some(cursor) => page = PageRequest::after(PageRequest::MAX_LIMIT, &cursor),
            None => break,
        }
    }
    Err(first)
}

#[derive(Clone)]
struct ConfirmInput {
    request: CreateOrderRequest,
    key: String,
    accept_version: Option<String>,
}

/// `detail` of `paylater:approved`: what the merchant's server needs to capture the order. The
/// page must not trust it (any script can dispatch an event): it sends `authorization_id` and its
/// own order id to its server, which captures with the amount from its own records.
#[derive(Serialize)]
struct ApprovedDetail<'a> {
    authorization_id: &'a str,
    order_id: &'a str,
    merchant_id: &'a str,
    plan: PlanKind,
    amount: &'a Money,
    status: paylater_core::api::OrderStatus,
    expires_at: String,
}

/// `detail` of `paylater:declined`.
#[derive(Serialize)]
struct DeclinedDetail<'a> {
    order_id: &'a str,
    reasons: &'a [paylater_core::api::IneligibleReason],
    available_limit: &'a Money,
}

/// `detail` of `paylater:error`.
#[derive(Serialize)]
struct ErrorDetail<'a> {
    call: &'a str,
    kind: &'a str,
    code: Option<&'a str>,
    message: String,
}

fn error_detail(call: &'static str, error: &ClientError) -> ErrorDetail<'static> {
    let kind = match error {
        ClientError::Network(_) => "network",
        ClientError::Timeout => "timeout",
        ClientError::Garbled { .. } => "garbled",
        ClientError::Problem(_) => "problem",
        ClientError::Http { .. } => "http",
    };
    ErrorDetail { call, kind, code: error.code().map(|c| c.as_str()), message: error.to_string() }
}

/// `detail` of `paylater:close`.
#[derive(Serialize)]
struct CloseDetail<'a> {
    reason: &'a str,
}

/// The shopper's choices and the calls in flight, shared by the parts of the flow.
#[derive(Clone, Copy)]
struct Flow {
    locale: Signal<Locale>,
    selected: RwSignal<Option<PlanKind>>,
    accepted: RwSignal<bool>,
    show_accept_error: RwSignal<bool>,
    agreement: LocalResource<Option<Result<paylater_core::api::Agreement, ClientError>>>,
    confirm: Action<ConfirmInput, Result<Order, ConfirmFailure>>,
    verifying: RwSignal<bool>,
    focus: StoredValue<bool>,
    submit: Callback<Eligibility>,
}

#[component]
pub fn Checkout(order: Signal<OrderInfo>, locale: Signal<Locale>, today: Date) -> impl IntoView {
    let api = expect_context::<ApiHandle>();
    let policy = StoredValue::new(Policy::default());
    let chosen = RwSignal::new(false);
    let selected = RwSignal::new(None::<PlanKind>);
    let accepted = RwSignal::new(false);
    let show_accept_error = RwSignal::new(false);
    // Move focus to the result once, after the shopper asked for it (not on every refresh).
    let focus = StoredValue::new(false);
    // The key of the order last sent, with its request: a retry of the same order reuses it.
    let order_key = StoredValue::new(None::<(CreateOrderRequest, String)>);

    let eligibility_request = Memo::new(move |_| {
        chosen.get().then(|| {
            order.with(|o| EligibilityRequest {
                merchant_id: o.merchant_id.clone(),
                order_id: o.order_id.clone(),
                amount: o.amount,
            })
        })
    });
    let refresh = use_context::<RefreshSignal>();
    let eligibility = LocalResource::new(move || {
        if let Some(refresh) = refresh {
            refresh.track();
        }
        let request = eligibility_request.get();
        let client = api.get_value();
        async move {
            match request {
                Some(request) => Some(client.eligibility(&request).await),
                None => None,
            }
        }
    });
    let current = move || eligibility.get().flatten();
    let needs_activation =
        Memo::new(move |_| matches!(current(), Some(Ok(ref e)) if e.eligible && e.activation_required));
    let agreement = LocalResource::new(move || {
        if let Some(refresh) = refresh {
            refresh.track();
        }
        let needed = needs_activation.get();
        let client = api.get_value();
        async move { if needed { Some(client.agreement().await) } else { None } }
    });

    // Set while an unanswered order is replayed and looked up.
    let verifying = RwSignal::new(false);
    let confirm = Action::new_local(move |input: &ConfirmInput| {
        let input = input.clone();
        let client = api.get_value();
        async move {
            if let Some(version) = input.accept_version {
                let request = ActivationRequest { agreement_version: version };
                // Accepting the agreement is idempotent: an unanswered acceptance is simply sent again.
                let accepted = match client.activate(&request).await {
                    Err(e) if e.outcome_unknown() => client.activate(&request).await,
                    other => other,
                };
                accepted.map_err(|error| ConfirmFailure { step: Step::Activation, error })?;
            }
            let placed = match client.create_order(&input.key, &input.request).await {
                Err(e) if e.outcome_unknown() => {
                    verifying.try_set(true);
                    let found = find_order(&client, &input.key, &input.request, e).await;
                    verifying.try_set(false);
                    found
                }
                other => other,
            };
            placed.map_err(|error| ConfirmFailure { step: Step::Order, error })
        }
    });

    let status = Memo::new(move |_| match confirm.value().get() {
        Some(Ok(_)) => CheckoutStatus::Confirmed,
        _ if confirm.pending().get() && verifying.get() => CheckoutStatus::Verifying,
        _ if confirm.pending().get() => CheckoutStatus::Confirming,
        Some(Err(f)) if f.unconfirmed() => CheckoutStatus::Unconfirmed,
        Some(Err(_)) => CheckoutStatus::Failed,
        None if !chosen.get() => CheckoutStatus::Offer,
        None => match current() {
            None => CheckoutStatus::Checking,
            Some(Err(_)) => CheckoutStatus::Failed,
            Some(Ok(e)) if e.eligible => CheckoutStatus::Eligible,
            Some(Ok(_)) => CheckoutStatus::NotEligible,
        },
    });

    // Keep a selection that is still on offer; otherwise select the first plan.
    Effect::new(move |_| {
        if let Some(Ok(e)) = current()
            && e.eligible
        {
            let offered = |p: PlanKind| e.plans.iter().any(|s| s.plan == p);
            if !selected.get_untracked().is_some_and(offered) {
                selected.set(e.plans.first().map(|s| s.plan));
            }
        }
    });
    // Tell the merchant's page about declines, failures and approvals.
    Effect::new(move |_| match current() {
        Some(Ok(e)) if !e.eligible => order.with_untracked(|o| {
            emit(
                WidgetEvent::Declined,
                &DeclinedDetail { order_id: &o.order_id, reasons: &e.reasons, available_limit: &e.available_limit },
            )
        }),
        Some(Err(error)) => emit(WidgetEvent::Error, &error_detail("eligibility", &error)),
        _ => {}
    });
    let account = use_context::<crate::api::AccountChanged>();
    Effect::new(move |_| match confirm.value().get() {
        Some(Ok(order)) => {
            if let Some(account) = account {
                account.0.try_update(|n| *n += 1);
            }
            emit(
                WidgetEvent::Approved,
                &ApprovedDetail {
                    authorization_id: &order.id,
                    order_id: &order.order_id,
                    merchant_id: &order.merchant_id,
                    plan: order.plan,
                    amount: &order.amount,
                    status: order.status,
                    expires_at: order
                        .expires_at
                        .format(&paylater_core::time::format_description::well_known::Rfc3339)
                        .unwrap_or_default(),
                },
            );
        }
        Some(Err(failure)) => emit(WidgetEvent::Error, &error_detail(failure.step.as_str(), &failure.error)),
        None => {}
    });

    let from_line = move || {
        let loc = locale.get();
        let amount = order.with(|o| o.amount);
        policy
            .with_value(|p| lowest_monthly_payment(amount, today, p))
            .map(|m| t_with(loc, Key::OfferFromPerMonth, &[("amount", &format_money(&m, loc))]))
    };

    let submit = move |eligibility: Eligibility| {
        if confirm.pending().get_untracked() {
            return;
        }
        let version = agreement.get_untracked().flatten().and_then(Result::ok).map(|a| a.version);
        if eligibility.activation_required && (!accepted.get_untracked() || version.is_none()) {
            show_accept_error.set(true);
            return;
        }
        let Some(plan) = selected.get_untracked() else { return };
        let request = order.with_untracked(|o| CreateOrderRequest {
            merchant_id: o.merchant_id.clone(),
            order_id: o.order_id.clone(),
            amount: o.amount,
            plan,
        });
        // An order whose outcome is unknown is only ever checked again: the same request, the same key.
        let unconfirmed = matches!(confirm.value().get_untracked(), Some(Err(f)) if f.unconfirmed());
        let request = match order_key.get_value() {
            Some((sent, _)) if unconfirmed => sent,
            _ => request,
        };
        let reused = order_key.with_value(|k| k.as_ref().filter(|(r, _)| *r == request).map(|(_, key)| key.clone()));
        let key = reused.unwrap_or_else(|| {
            let key = new_key();
            order_key.set_value(Some((request.clone(), key.clone())));
            key
        });
        let accept_version = if eligibility.activation_required { version } else { None };
        focus.set_value(true);
        confirm.dispatch_local(ConfirmInput { request, key, accept_version });
    };
    let flow = Flow {
        locale,
        selected,
        accepted,
        show_accept_error,
        agreement,
        confirm,
        verifying,
        focus,
        submit: Callback::new(submit),
    };

    view! {
        <div class="plw-checkout" data-status=move || status.get().as_str()>
            <div class="plw-offer">
                <div class="plw-offer__total">
                    <span class="plw-offer__total-label">{move || t(locale.get(), Key::OrderTotal)}</span>
                    <strong class="plw-offer__total-amount" data-testid="order-total">
                        {move || order.with(|o| format_money(&o.amount, locale.get()))}
                    </strong>
                </div>
                <div class="plw-offer__head">
                    <span class="plw-offer__mark" aria-hidden="true">
                        "先"
                    </span>
                    <div>
                        <h2 class="plw-offer__title">{move || t(locale.get(), Key::OfferTitle)}</h2>
                        <p class="plw-offer__subtitle">{move || t(locale.get(), Key::OfferSubtitle)}</p>
                    </div>
                </div>
                <p class="plw-offer__from" data-testid="offer-line">
                    {from_line}
                </p>
                <p class="plw-offer__full">{move || t(locale.get(), Key::OfferPayInFull)}</p>
            </div>
            <p class="plw-visually-hidden" role="status">
                {move || announcement(status.get(), locale.get())}
            </p>
            <Show
                when=move || chosen.get()
                fallback=move || {
                    view! {
                        <button
                            type="button"
                            class="plw-button plw-button--primary plw-button--block"
                            on:click=move |_| {
                                focus.set_value(true);
                                chosen.set(true);
                            }
                        >
                            {move || t(locale.get(), Key::OfferChoose)}
                        </button>
                    }
                }
            >
                <div class="plw-flow" aria-busy=move || (status.get() == CheckoutStatus::Checking).to_string()>
                    <Transition fallback=move || view! { <CheckingSkeleton locale=locale /> }>
                        {move || Suspend::new(async move {
                            match eligibility.await {
                                None => view! { <CheckingSkeleton locale=locale /> }.into_any(),
                                Some(Err(error)) => view! {
                                    <RetryError error=error locale=locale on_retry=Callback::new(move |_| eligibility.refetch()) />
                                }
                                    .into_any(),
                                Some(Ok(e)) if !e.eligible => {
                                    view! {
                                        <Decline
                                            reasons=e.reasons.clone()
                                            available_limit=e.available_limit
                                            locale=locale
                                            focus=focus
                                            on_other_method=Callback::new(move |_| {
                                                chosen.set(false);
                                                emit(WidgetEvent::Close, &CloseDetail { reason: "other_payment_method" });
                                            })
                                        />
                                    }
                                        .into_any()
                                }
                                Some(Ok(e)) => view! { <EligibleFlow eligibility=e flow=flow /> }.into_any(),
                            }
                        })}
                    </Transition>
                </div>
            </Show>
        </div>
    }
}

/// What the live region says as the checkout moves (errors are announced where they show).
fn announcement(status: CheckoutStatus, locale: Locale) -> &'static str {
    match status {
        CheckoutStatus::Checking => t(locale, Key::CheckingLabel),
        CheckoutStatus::Confirming => t(locale, Key::ConfirmBusy),
        CheckoutStatus::Verifying => t(locale, Key::ConfirmVerifying),
        CheckoutStatus::Confirmed => t(locale, Key::ConfirmedHeading),
        CheckoutStatus::NotEligible => t(locale, Key::DeclinedHeading),
        CheckoutStatus::Eligible => t(locale, Key::PlansLegend),
        CheckoutStatus::Offer | CheckoutStatus::Failed | CheckoutStatus::Unconfirmed => "",
    }
}

/// The loading state: the same room as the result, so nothing jumps.
#[component]
fn CheckingSkeleton(locale: Signal<Locale>) -> impl IntoView {
    view! {
        <div class="plw-skeleton" data-testid="checking">
            <p class="plw-skeleton__label">{move || t(locale.get(), Key::CheckingLabel)}</p>
            <div class="plw-skeleton__bar" aria-hidden="true"></div>
            <div class="plw-skeleton__bar" aria-hidden="true"></div>
            <div class="plw-skeleton__bar plw-skeleton__bar--short" aria-hidden="true"></div>
        </div>
    }
}

/// Eligible: plans, the agreement if needed, and Confirm; then the confirmation.
#[component]
fn EligibleFlow(eligibility: Eligibility, flow: Flow) -> impl IntoView {
    let Flow { locale, selected, accepted, show_accept_error, agreement, confirm, verifying, focus, submit } = flow;
    let plans = eligibility.plans.clone();
    let activation_required = eligibility.activation_required;
    let eligibility = StoredValue::new(eligibility);
    let pending = confirm.pending();
    let order_error = move || match confirm.value().get() {
        Some(Err(f)) if !pending.get() => Some(f.message_key()),
        _ => None,
    };
    let unconfirmed = move || !pending.get() && matches!(confirm.value().get(), Some(Err(f)) if f.unconfirmed());

    move || {
        match confirm.value().get() {
        Some(Ok(order)) => view! { <Confirmation order=order locale=locale focus=focus /> }.into_any(),
        _ => view! {
            <PlanPicker plans=plans.clone() selected=selected locale=locale focus=focus disabled=Signal::derive(move || pending.get() || unconfirmed()) />
            {activation_required.then(|| view! {
                <AgreementConsent agreement=agreement accepted=accepted show_error=show_accept_error locale=locale />
            })}
            {move || order_error().map(|key| view! {
                <p class="plw-error" role="alert">{move || t(locale.get(), key)}</p>
            })}
            <button
                type="button"
                class="plw-button plw-button--primary plw-button--block"
                disabled=move || pending.get()
                aria-busy=move || pending.get().to_string()
                on:click=move |_| submit.run(eligibility.get_value())
            >
                {move || {
                    let key = if pending.get() && verifying.get() {
                        Key::ConfirmVerifying
                    } else if pending.get() {
                        Key::ConfirmBusy
                    } else if unconfirmed() {
                        Key::ConfirmCheckAgain
                    } else {
                        Key::ConfirmButton
                    };
                    t(locale.get(), key)
                }}
            </button>
        }
        .into_any(),
    }
    }
}

/// The order is placed (authorized): it waits for the merchant's server to capture it. Followed
/// until it is captured (then the plan and the first due date), cancelled or expired.
#[component]
fn Confirmation(order: Order, locale: Signal<Locale>, focus: StoredValue<bool>) -> impl IntoView {
    let heading = NodeRef::<leptos::html::H3>::new();
    heading.on_load(move |h| {
        if focus.get_value() {
            focus.set_value(false);
            let _ = h.focus();
        }
    });
    let followed = crate::components::order_status::follow_order(order);
    let current = followed.order;
    let bill = followed.bill;
    view! {
        <div
            class="plw-panel plw-confirmed"
            data-testid="confirmed"
            data-authorization-id=current.with_untracked(|o| o.id.clone())
            data-order-status=move || current.with(|o| crate::components::order_status::status_name(o.status))
            data-bill-id=move || current.with(|o| o.bill_id.clone())
        >
            <h3 class="plw-confirmed__heading" tabindex="-1" node_ref=heading>
                <span class="plw-confirmed__tick" aria-hidden="true">
                    {move || crate::components::order_status::mark(current.with(|o| o.status))}
                </span>
                {move || t(locale.get(), crate::components::order_status::heading_key(current.with(|o| o.status)))}
            </h3>
            <div role="status">
                {move || {
                    let loc = locale.get();
                    current.with(|o| crate::components::order_status::lines(o, bill.get().as_ref(), loc))
                        .into_iter()
                        .map(|line| view! { <p class="plw-confirmed__line">{line}</p> })
                        .collect_view()
                }}
            </div>
        </div>
    }
}

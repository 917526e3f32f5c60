//! DOM CustomEvents on the widget's host element, so the merchant's page can follow the widget,
//! with the typed `detail` of each. They bubble and cross shadow roots; `detail` is a plain object.
//!
//! None of them is proof of anything: any script on the page can dispatch them. `paylater:approved`
//! tells the page to ask its server to capture the order.

use leptos::prelude::*;
use paylater_core::Money;
use paylater_core::api::{
    AuthorizationId, BillId, BillStatus, ErrorCode, IneligibleReason, MerchantId, OrderId, OrderStatus,
    PaymentMethodKind, PlanKind, QuoteScope,
};
use paylater_core::client::ClientError;
use serde::Serialize;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

use crate::context::HostHandle;
use crate::errors::Call;

/// The events the widget sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WidgetEvent {
    Ready,
    PlanChange,
    Approved,
    Declined,
    Error,
    Close,
    Repaid,
    SessionExpired,
}

impl WidgetEvent {
    pub const fn name(self) -> &'static str {
        match self {
            WidgetEvent::Ready => "paylater:ready",
            WidgetEvent::PlanChange => "paylater:planchange",
            WidgetEvent::Approved => "paylater:approved",
            WidgetEvent::Declined => "paylater:declined",
            WidgetEvent::Error => "paylater:error",
            WidgetEvent::Close => "paylater:close",
            WidgetEvent::Repaid => "paylater:repaid",
            WidgetEvent::SessionExpired => "paylater:sessionexpired",
        }
    }
}

/// `paylater:ready`: the widget is mounted.
#[derive(Serialize)]
pub struct ReadyDetail {
    pub status: WidgetStatus,
}

/// The widget's status: in `paylater:ready` and as `data-status` on its root.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WidgetStatus {
    Ready,
    /// The merchant's options cannot work: the widget shows a notice, the console says why.
    InvalidOptions,
}

impl WidgetStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            WidgetStatus::Ready => "ready",
            WidgetStatus::InvalidOptions => "invalid-options",
        }
    }
}

/// `paylater:planchange`: the shopper picked a plan.
#[derive(Serialize)]
pub struct PlanChangeDetail<'a> {
    pub plan: PlanKind,
    pub total: &'a Money,
    pub fee: &'a Money,
}

/// `paylater:approved`: the order is authorized; the merchant's server captures it.
#[derive(Serialize)]
pub struct ApprovedDetail<'a> {
    pub authorization_id: &'a AuthorizationId,
    pub order_id: &'a OrderId,
    pub merchant_id: &'a MerchantId,
    pub plan: PlanKind,
    pub amount: &'a Money,
    pub status: OrderStatus,
    /// RFC 3339.
    pub expires_at: String,
}

/// `paylater:declined`: the shopper is not eligible.
#[derive(Serialize)]
pub struct DeclinedDetail<'a> {
    pub order_id: &'a OrderId,
    pub reasons: &'a [IneligibleReason],
    pub available_limit: &'a Money,
}

/// `paylater:close`: the shopper chose another payment method.
#[derive(Serialize)]
pub struct CloseDetail {
    pub reason: CloseReason,
}

#[derive(Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CloseReason {
    OtherPaymentMethod,
}

/// `paylater:repaid`: an early repayment went through.
#[derive(Serialize)]
pub struct RepaidDetail<'a> {
    pub repayment_id: &'a str,
    pub receipt_number: &'a str,
    pub bill_id: &'a BillId,
    pub scope: QuoteScope,
    pub amount: &'a Money,
    pub payment_method_kind: PaymentMethodKind,
    pub bill_status: BillStatus,
}

/// `paylater:sessionexpired`: renew the session and pass the new token (empty).
#[derive(Serialize)]
pub struct SessionExpiredDetail {}

/// `paylater:error`: a call failed (the shopper reads it in words).
#[derive(Serialize)]
pub struct ErrorDetail {
    pub call: Call,
    pub kind: FailureKind,
    pub code: Option<ErrorCode>,
    pub message: String,
}

/// How it failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureKind {
    Network,
    Timeout,
    Garbled,
    Problem,
    Http,
}

impl ErrorDetail {
    pub fn new(call: Call, error: &ClientError) -> ErrorDetail {
        let kind = match error {
            ClientError::Network(_) => FailureKind::Network,
            ClientError::Timeout => FailureKind::Timeout,
            ClientError::Garbled { .. } => FailureKind::Garbled,
            ClientError::Problem(_) => FailureKind::Problem,
            ClientError::Http { .. } => FailureKind::Http,
        };
        ErrorDetail { call, kind, code: error.code(), message: error.to_string() }
    }
}

/// Dispatches `event` with `detail` on `host` (bubbling, composed so it crosses shadow roots).
pub fn emit_on<T: Serialize>(host: &HtmlElement, event: WidgetEvent, detail: &T) {
    let detail = crate::json::to_js(detail);
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(custom) = CustomEvent::new_with_event_init_dict(event.name(), &init) {
        let _ = host.dispatch_event(&custom);
    }
}

/// Dispatches `event` on the widget's host element, if the widget has one in context.
pub fn emit<T: Serialize>(event: WidgetEvent, detail: &T) {
    if let Some(host) = use_context::<HostHandle>() {
        host.with_value(|h| emit_on(h, event, detail));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_use_the_wire_names() {
        let detail = ErrorDetail::new(Call::Order, &ClientError::Timeout);
        let json = paylater_core::json::to_string(&detail).unwrap();
        assert!(json.starts_with(r#"{"call":"order","kind":"timeout","code":null,"#), "{json}");
        assert_eq!(
            paylater_core::json::to_string(&ReadyDetail { status: WidgetStatus::InvalidOptions }).unwrap(),
            r#"{"status":"invalid-options"}"#
        );
        assert_eq!(
            paylater_core::json::to_string(&CloseDetail { reason: CloseReason::OtherPaymentMethod }).unwrap(),
            r#"{"reason":"other_payment_method"}"#
        );
    }
}

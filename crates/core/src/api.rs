//! The JSON API's types: every request and response of the contract, once.
//!
//! `openapi/openapi.yaml` describes the same contract; `tests/openapi/` checks that examples
//! built from these types validate against it, with `additionalProperties: false` on every object
//! so that a field added on either side alone fails the test.
//!
//! Amounts are [`Money`] (`{"amount": "1299.00", "currency": "CNY"}`), times RFC 3339, calendar
//! dates `YYYY-MM-DD`, errors RFC 9457 problem+json ([`Problem`]) with a stable [`ErrorCode`].
//!
//! Request bodies refuse unknown fields (a misspelt field is an `invalid_request`, not ignored);
//! responses tolerate them, so a widget keeps working when the provider adds a field.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

mod decode;
mod merchant;
mod offers;
mod orders;

pub use merchant::{
    CancelRequest, CaptureRequest, EventList, EventRepayment, EventType, Refund, RefundRequest, WebhookEndpoint,
    WebhookEndpointRequest, WebhookEvent,
};
pub use offers::{Offer, PlanOffer, offer};
pub use orders::{Order, OrderFilter, OrderList, OrderStatus, RefundList};

pub use crate::bill::{
    Autopay, Bill, BillInstallment, BillRefund, BillStatus, InstallmentStatus, NextDue, QuoteBreakdown, QuoteLine,
    QuoteScope, RefundPayback,
};
pub use crate::eligibility::{CreditBand, IneligibleReason};
pub use crate::ids::{AuthorizationId, BillId, IdempotencyKey, MerchantId, OrderId, PaymentMethodId, QuoteId};
use crate::money::Money;
pub use crate::payment::PaymentMethodKind;
pub use crate::plan::{PlanKind, Schedule, ScheduledInstallment};

/// `GET /v1/me`
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub shopper_id: String,
    /// The shopper's name with all but one character masked, e.g. `"*明"`.
    pub masked_name: String,
    /// 350–950.
    pub credit_score: u16,
    pub credit_band: CreditBand,
    pub activation: ActivationState,
    /// The agreement version the shopper accepted, if any.
    pub agreement_version: Option<String>,
    pub credit_limit: CreditLimit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivationState {
    /// The shopper must accept the service agreement before a first pay-later order.
    NotActivated,
    Activated,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditLimit {
    pub total: Money,
    pub available: Money,
}

/// `GET /v1/agreement`: the current service agreement. `text` is plain text (paragraphs separated
/// by blank lines), never HTML.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    pub version: String,
    pub title: String,
    pub text: String,
    /// Late interest per day overdue, as a fraction of the overdue principal (`"0.0005"` for
    /// 0.05 % a day, 18.25 % a year).
    #[serde(with = "rust_decimal::serde::str")]
    pub late_interest_daily_rate: rust_decimal::Decimal,
}

/// `POST /v1/activation` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActivationRequest {
    /// The version of the agreement the shopper was shown and accepted.
    pub agreement_version: String,
}

/// `POST /v1/activation` response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activation {
    pub agreement_version: String,
    #[serde(with = "crate::dates::rfc3339")]
    pub accepted_at: OffsetDateTime,
}

/// `POST /v1/eligibility` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EligibilityRequest {
    pub merchant_id: MerchantId,
    pub order_id: OrderId,
    pub amount: Money,
}

/// `POST /v1/eligibility` response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Eligibility {
    pub eligible: bool,
    /// Empty when eligible.
    pub reasons: Vec<IneligibleReason>,
    /// The shopper must accept the agreement (`POST /v1/activation`) before ordering.
    pub activation_required: bool,
    pub available_limit: Money,
    /// The plans on offer with their full schedules; empty when not eligible.
    pub plans: Vec<Schedule>,
}

/// `POST /v1/orders` body (with an `Idempotency-Key` header).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateOrderRequest {
    pub merchant_id: MerchantId,
    pub order_id: OrderId,
    pub amount: Money,
    pub plan: PlanKind,
}

/// `GET /v1/bills?status=` filter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BillFilter {
    #[default]
    Open,
    Settled,
    All,
}

/// `GET /v1/bills` response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillList {
    pub bills: Vec<Bill>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// `PUT /v1/bills/{id}/autopay` body: the payment method autopay charges.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AutopayRequest {
    pub payment_method_id: PaymentMethodId,
}

/// `POST /v1/bills/{id}/quotes` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteRequest {
    pub scope: QuoteScope,
    /// The amount to repay: required with scope `amount`, refused with the others.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
}

/// `POST /v1/bills/{id}/quotes` response: an exact amount that holds until `expires_at`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub id: QuoteId,
    pub bill_id: BillId,
    pub scope: QuoteScope,
    pub breakdown: QuoteBreakdown,
    /// What it pays on each installment it touches, in the order the rule pays them.
    pub lines: Vec<QuoteLine>,
    #[serde(with = "crate::dates::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "crate::dates::rfc3339")]
    pub expires_at: OffsetDateTime,
}

/// A way to pay a repayment, with what it can cover.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentMethod {
    pub id: PaymentMethodId,
    pub kind: PaymentMethodKind,
    /// Shown to the shopper, e.g. `"招商银行储蓄卡"`; card numbers come masked in `last4`.
    pub label: String,
    /// Last four digits of a bank card; `null` for other kinds.
    pub last4: Option<String>,
    /// What the method can pay at most right now.
    pub available: Money,
}

/// `GET /v1/payment-methods` response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentMethodList {
    pub payment_methods: Vec<PaymentMethod>,
}

/// `POST /v1/repayments` body (with an `Idempotency-Key` header).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RepaymentRequest {
    pub quote_id: QuoteId,
    pub payment_method_id: PaymentMethodId,
}

/// A repayment record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repayment {
    pub id: String,
    /// Shown to the shopper and quoted to support.
    pub receipt_number: String,
    pub bill_id: BillId,
    pub merchant_name: String,
    pub order_id: OrderId,
    /// The quote this repayment paid: each quote pays at most once, so after an unanswered
    /// payment the widget finds its outcome by this id.
    pub quote_id: QuoteId,
    pub scope: QuoteScope,
    pub amount: Money,
    pub breakdown: QuoteBreakdown,
    pub payment_method_id: PaymentMethodId,
    pub payment_method_kind: PaymentMethodKind,
    pub payment_method_label: String,
    #[serde(with = "crate::dates::rfc3339")]
    pub paid_at: OffsetDateTime,
    /// Made by autopay on the installment's due date (not by the shopper in the dialog).
    pub autopay: bool,
}

/// `POST /v1/repayments` response: the repayment and the bill as it is now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepaymentResult {
    pub repayment: Repayment,
    pub bill: Bill,
}

/// `GET /v1/repayments` response, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepaymentList {
    pub repayments: Vec<Repayment>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// Which page of a list to answer: at most `limit` items after `cursor` (from `next_cursor`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageRequest {
    /// 1 to [`PageRequest::MAX_LIMIT`]; [`PageRequest::DEFAULT_LIMIT`] when not given.
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

impl PageRequest {
    pub const DEFAULT_LIMIT: u32 = 50;
    pub const MAX_LIMIT: u32 = 200;

    pub fn first(limit: u32) -> PageRequest {
        PageRequest { limit: Some(limit), cursor: None }
    }

    pub fn after(limit: u32, cursor: &str) -> PageRequest {
        PageRequest { limit: Some(limit), cursor: Some(cursor.to_owned()) }
    }
}

/// The stable, machine-readable error codes of the API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    NotEligible,
    LimitExceeded,
    AgreementRequired,
    InsufficientFunds,
    QuoteExpired,
    NothingToRepay,
    IdempotencyConflict,
    InvalidRequest,
    Unauthorized,
    NotFound,
    /// The provider failed; the request may be retried (with the same Idempotency-Key).
    Internal,
    /// A capture whose order amount or currency is not the authorized one: nothing moved.
    AmountMismatch,
    /// Not possible in the current state: an order's status (capturing a cancelled order, a second
    /// checkout of an order already authorized) or an agreement version that is no longer current.
    InvalidState,
    /// A refund larger than what was captured and not yet refunded: nothing moved.
    RefundExceedsCaptured,
    /// Refused whatever the credentials: e.g. a secret key sent from a browser.
    Forbidden,
    /// The path exists but not with this method (the `Allow` header lists the methods it takes).
    MethodNotAllowed,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 16] = [
        ErrorCode::NotEligible,
        ErrorCode::LimitExceeded,
        ErrorCode::AgreementRequired,
        ErrorCode::InsufficientFunds,
        ErrorCode::QuoteExpired,
        ErrorCode::NothingToRepay,
        ErrorCode::IdempotencyConflict,
        ErrorCode::InvalidRequest,
        ErrorCode::Unauthorized,
        ErrorCode::NotFound,
        ErrorCode::Internal,
        ErrorCode::AmountMismatch,
        ErrorCode::InvalidState,
        ErrorCode::RefundExceedsCaptured,
        ErrorCode::Forbidden,
        ErrorCode::MethodNotAllowed,
    ];

    /// The HTTP status the API answers this error with.
    pub const fn http_status(self) -> u16 {
        match self {
            ErrorCode::InvalidRequest => 400,
            ErrorCode::Unauthorized => 401,
            ErrorCode::Forbidden => 403,
            ErrorCode::NotFound => 404,
            ErrorCode::MethodNotAllowed => 405,
            ErrorCode::IdempotencyConflict | ErrorCode::InvalidState => 409,
            ErrorCode::QuoteExpired => 410,
            ErrorCode::NotEligible
            | ErrorCode::LimitExceeded
            | ErrorCode::AgreementRequired
            | ErrorCode::InsufficientFunds
            | ErrorCode::NothingToRepay
            | ErrorCode::AmountMismatch
            | ErrorCode::RefundExceedsCaptured => 422,
            ErrorCode::Internal => 500,
        }
    }

    /// The wire name, e.g. `"quote_expired"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::NotEligible => "not_eligible",
            ErrorCode::LimitExceeded => "limit_exceeded",
            ErrorCode::AgreementRequired => "agreement_required",
            ErrorCode::InsufficientFunds => "insufficient_funds",
            ErrorCode::QuoteExpired => "quote_expired",
            ErrorCode::NothingToRepay => "nothing_to_repay",
            ErrorCode::IdempotencyConflict => "idempotency_conflict",
            ErrorCode::InvalidRequest => "invalid_request",
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::NotFound => "not_found",
            ErrorCode::Internal => "internal",
            ErrorCode::AmountMismatch => "amount_mismatch",
            ErrorCode::InvalidState => "invalid_state",
            ErrorCode::RefundExceedsCaptured => "refund_exceeds_captured",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
        }
    }
}

/// An RFC 9457 problem details body (`application/problem+json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// A URI naming the problem type, e.g. `"https://paylater.example/problems/quote_expired"`.
    #[serde(rename = "type")]
    pub problem_type: String,
    /// Short, human-readable summary (English; the widget shows its own localized text by `code`).
    pub title: String,
    pub status: u16,
    /// What happened in this case, for logs and developers.
    pub detail: String,
    pub code: ErrorCode,
}

impl Problem {
    /// The problem type URI for `code`.
    pub fn type_uri(code: ErrorCode) -> String {
        format!("https://paylater.example/problems/{}", code.as_str())
    }

    pub fn new(code: ErrorCode, title: impl Into<String>, detail: impl Into<String>) -> Problem {
        Problem {
            problem_type: Problem::type_uri(code),
            title: title.into(),
            status: code.http_status(),
            detail: detail.into(),
            code,
        }
    }
}

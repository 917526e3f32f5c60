//! The merchant's side of the contract: server to server, authenticated by the merchant's secret
//! key (`Authorization: Bearer sk_test_…`), never from a browser (a request with an `Origin`
//! header is refused, and these endpoints send no CORS headers).
//!
//! Every `POST` takes an `Idempotency-Key`: a retry with the same key and body returns the first
//! result and moves nothing again.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{BillStatus, Order};
use crate::ids::{AuthorizationId, BillId, MerchantId, OrderId};
use crate::money::Money;

/// `POST /v1/merchant/orders/{order_id}/capture` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaptureRequest {
    /// The authorization the page reported (`paylater:approved`'s `authorization_id`).
    pub authorization_id: AuthorizationId,
    /// The order total **from the merchant's own records**: it must equal the authorized amount
    /// and currency, or the capture is refused with `amount_mismatch` and nothing moves.
    pub order_amount: Money,
    /// How much to capture now: more than zero, at most `order_amount`. Less captures part of the
    /// order and releases the rest of the hold.
    pub capture_amount: Money,
}

/// `POST /v1/merchant/orders/{order_id}/cancel` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CancelRequest {
    /// The authorization to cancel (not yet captured).
    pub authorization_id: AuthorizationId,
}

/// `POST /v1/merchant/orders/{order_id}/refunds` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefundRequest {
    /// Principal to refund: more than zero, at most what was captured and not yet refunded.
    pub amount: Money,
    /// Shown to the shopper (plain text, up to 200 characters), or `null`. Required, like every
    /// field: a missing one is refused, not read as `null`.
    #[serde(deserialize_with = "Option::deserialize")]
    pub reason: Option<String>,
}

/// A refund, as the merchant sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refund {
    pub id: String,
    pub authorization_id: AuthorizationId,
    pub order_id: OrderId,
    pub bill_id: BillId,
    /// Principal refunded.
    pub amount: Money,
    /// Fees the shopper no longer pays (or gets back) on that principal.
    pub fees_refunded: Money,
    /// What the shopper had already repaid and gets back to the method it came from.
    pub paid_back: Money,
    pub reason: Option<String>,
    #[serde(with = "crate::dates::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// What a webhook event is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EventType {
    #[serde(rename = "order.authorized")]
    OrderAuthorized,
    #[serde(rename = "order.captured")]
    OrderCaptured,
    #[serde(rename = "order.cancelled")]
    OrderCancelled,
    #[serde(rename = "order.expired")]
    OrderExpired,
    #[serde(rename = "order.refunded")]
    OrderRefunded,
    #[serde(rename = "repayment.made")]
    RepaymentMade,
    #[serde(rename = "bill.settled")]
    BillSettled,
}

impl EventType {
    pub const ALL: [EventType; 7] = [
        EventType::OrderAuthorized,
        EventType::OrderCaptured,
        EventType::OrderCancelled,
        EventType::OrderExpired,
        EventType::OrderRefunded,
        EventType::RepaymentMade,
        EventType::BillSettled,
    ];

    /// The wire name, e.g. `"order.captured"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            EventType::OrderAuthorized => "order.authorized",
            EventType::OrderCaptured => "order.captured",
            EventType::OrderCancelled => "order.cancelled",
            EventType::OrderExpired => "order.expired",
            EventType::OrderRefunded => "order.refunded",
            EventType::RepaymentMade => "repayment.made",
            EventType::BillSettled => "bill.settled",
        }
    }
}

/// A shopper's repayment of an order's bill, as the merchant is told of it (no shopper data).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRepayment {
    pub id: String,
    pub amount: Money,
    /// The installments it paid.
    pub installments: Vec<u32>,
    #[serde(with = "crate::dates::rfc3339")]
    pub paid_at: OffsetDateTime,
    pub bill_status: BillStatus,
    pub amount_left: Money,
}

/// A webhook event: what is POSTed to the merchant's webhook URL (signed), and what
/// `GET /v1/merchant/events` lists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookEvent {
    /// Unique (`evt_…`): a merchant handles each id once, however often it is delivered.
    pub id: String,
    #[serde(rename = "type")]
    pub event_type: EventType,
    #[serde(with = "crate::dates::rfc3339")]
    pub created_at: OffsetDateTime,
    pub merchant_id: MerchantId,
    /// The order as it is after the change.
    pub order: Order,
    /// `order.refunded`: the refund; `null` otherwise.
    pub refund: Option<Refund>,
    /// `repayment.made` and `bill.settled`: the repayment; `null` otherwise.
    pub repayment: Option<EventRepayment>,
}

/// `GET /v1/merchant/events` response, oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventList {
    pub events: Vec<WebhookEvent>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// `PUT /v1/merchant/webhook` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookEndpointRequest {
    /// Where to POST events: an `http://` or `https://` URL (the sandbox posts over plain HTTP), or
    /// `null` to stop deliveries. Required: a missing one is refused, not read as `null`.
    #[serde(deserialize_with = "Option::deserialize")]
    pub url: Option<String>,
}

/// `GET`/`PUT /v1/merchant/webhook` response: where events go, and the secret that signs them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookEndpoint {
    pub url: Option<String>,
    /// `whsec_…`: the HMAC-SHA256 key of the `PayLater-Signature` header. Keep it on your server.
    pub secret: String,
}

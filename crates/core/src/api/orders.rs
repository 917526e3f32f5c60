//! Pay-later orders: the shopper authorizes, the merchant's server captures.
//!
//! The widget's confirm creates an **authorization** (`POST /v1/orders`): the order amount is held
//! on the shopper's credit limit and nothing is owed yet. The merchant's server then, with its
//! secret key, **captures** it with its own order id and amount (`POST
//! /v1/merchant/orders/{order_id}/capture`): only then does the order become a bill the shopper
//! repays. It can capture less than authorized (the rest of the hold is released), or **cancel**;
//! an authorization not captured by `expires_at` **expires** and its hold is released.
//!
//! ```text
//!   authorized ──capture──▶ captured ──refunds──▶ (captured, refunded_amount grows)
//!       │ └──cancel──▶ cancelled
//!       └──(expires_at passes)──▶ expired
//! ```

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::bill::BillRefund;
use crate::ids::{AuthorizationId, BillId, MerchantId, OrderId};
use crate::money::Money;
use crate::plan::PlanKind;

/// Where a pay-later order is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// The shopper confirmed; the amount is held on their limit until the merchant captures,
    /// cancels, or the authorization expires. Nothing is owed yet.
    Authorized,
    /// The merchant captured it: the shopper repays the bill (`bill_id`).
    Captured,
    /// The merchant cancelled it before capturing: the hold is released, nothing is owed.
    Cancelled,
    /// Not captured in time: the hold is released, nothing is owed.
    Expired,
}

impl OrderStatus {
    /// The wire name (`"authorized"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            OrderStatus::Authorized => "authorized",
            OrderStatus::Captured => "captured",
            OrderStatus::Cancelled => "cancelled",
            OrderStatus::Expired => "expired",
        }
    }
}

/// A pay-later order, as the shopper and the merchant see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    /// The authorization's id (`auth_…`): the widget's `paylater:approved` event carries it to the
    /// merchant's server, which captures with it.
    pub id: AuthorizationId,
    pub merchant_id: MerchantId,
    pub merchant_name: String,
    /// The merchant's own order id.
    pub order_id: OrderId,
    pub plan: PlanKind,
    /// The amount the shopper authorized.
    pub amount: Money,
    pub status: OrderStatus,
    #[serde(with = "crate::dates::rfc3339")]
    pub created_at: OffsetDateTime,
    /// An authorization not captured by then expires and its hold is released.
    #[serde(with = "crate::dates::rfc3339")]
    pub expires_at: OffsetDateTime,
    /// What the merchant captured (`null` until captured).
    pub captured_amount: Option<Money>,
    #[serde(with = "crate::dates::rfc3339::option")]
    pub captured_at: Option<OffsetDateTime>,
    /// When it was cancelled or expired (`null` otherwise).
    #[serde(with = "crate::dates::rfc3339::option")]
    pub closed_at: Option<OffsetDateTime>,
    /// Refunded so far (zero until a refund).
    pub refunded_amount: Money,
    /// The bill the shopper repays (`null` until captured).
    pub bill_id: Option<BillId>,
}

/// `GET /v1/orders?status=` filter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderFilter {
    /// Waiting for the merchant: authorized, not yet captured.
    #[default]
    Authorized,
    All,
}

/// `GET /v1/orders` response, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderList {
    pub orders: Vec<Order>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// `GET /v1/refunds` response, newest first: the merchants' refunds of the shopper's bills.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundList {
    pub refunds: Vec<BillRefund>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

//! What the checkout is about and what the shopper chose: the order from the merchant's page,
//! and the shopper's choices as one store (read and written field by field by the checkout's
//! parts).

use paylater_core::Money;
use paylater_core::api::{MerchantId, OrderId, PlanKind};
use reactive_stores::Store;

/// The order the merchant's page is checking out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderInfo {
    pub amount: Money,
    pub merchant_id: MerchantId,
    pub order_id: OrderId,
}

/// What the shopper chose.
#[derive(Clone, Debug, Default, Store)]
pub struct Choices {
    /// Pay later was chosen (eligibility is checked).
    pub pay_later: bool,
    /// The plan the shopper picked (the first plan on offer until they pick).
    pub plan: Option<PlanKind>,
    /// The service agreement's checkbox.
    pub accepted: bool,
    /// Confirm was pressed without accepting.
    pub show_accept_error: bool,
}

//! What the shopper chose, as one store (read and written field by field by the checkout's
//! parts).

use paylater_core::api::PlanKind;
use reactive_stores::Store;

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

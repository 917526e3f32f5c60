//! How a shopper pays a repayment: the kinds of payment method. Below both the bills (a refund
//! goes back to a kind of method) and the API's types, so that neither depends on the other.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethodKind {
    BankCard,
    /// The shopper's account balance.
    Balance,
    MoneyMarketFund,
}

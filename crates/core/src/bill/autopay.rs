//! Autopay (自动还款): the provider charges each installment on its due date to the payment
//! method the shopper chose for the bill. The rule, in one place:
//!
//! * an installment is charged **once**: on its due date (or the first moment the provider's clock
//!   is on or past it), if it is still open and falls due on or after the day autopay was turned
//!   on. An installment already charged, paid or not, is never charged again by autopay, whatever
//!   the retries and however far the clock jumps (the charges are kept on the bill, by
//!   installment);
//! * the charge is the installment in full as priced on its due date (principal and fee; no late
//!   interest, since it is not late that day), recorded as a repayment like any other, marked as
//!   autopay;
//! * a method that cannot cover it is a **failed charge**: nothing moves, the installment stays
//!   due (then overdue, with late interest, as any unpaid installment), and the bill shows the
//!   failure until the installment is paid. Autopay stays on for the next installments.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use super::{BillRecord, InstallmentRecord};
use crate::dates::{iso_date, rfc3339};
use crate::ids::PaymentMethodId;
use crate::money::Money;

/// Autopay on a bill: the method it charges, as the shopper chose it, and since when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Autopay {
    pub payment_method_id: PaymentMethodId,
    /// As the shopper's methods show it, e.g. `"招商银行储蓄卡"`, with `last4` for a card.
    pub payment_method_label: String,
    pub last4: Option<String>,
    #[serde(with = "rfc3339")]
    pub since: OffsetDateTime,
}

/// How an autopay charge went.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AutopayOutcome {
    /// Paid: a repayment, with its receipt.
    Paid,
    /// The method could not cover it: nothing moved, the installment is still owed.
    NotEnoughFunds,
}

/// One autopay charge of one installment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AutopayCharge {
    pub installment: u32,
    #[serde(with = "iso_date")]
    pub due_date: Date,
    pub amount: Money,
    pub payment_method_id: PaymentMethodId,
    pub payment_method_label: String,
    pub outcome: AutopayOutcome,
    /// The repayment it made (`Paid`), `null` otherwise.
    pub repayment_id: Option<String>,
    #[serde(with = "rfc3339")]
    pub charged_at: OffsetDateTime,
}

/// The installments autopay charges on `today`, earliest first: open, due on or before today, due
/// on or after the day autopay was turned on (`since_day`), and never charged before.
pub fn charges_due(record: &BillRecord, since_day: Date, today: Date) -> Vec<&InstallmentRecord> {
    if record.autopay.is_none() {
        return Vec::new();
    }
    record
        .unpaid()
        .filter(|i| i.due_date <= today && i.due_date >= since_day)
        .filter(|i| !record.autopay_charges.iter().any(|c| c.installment == i.number))
        .collect()
}

/// Whether autopay's charge of installment `i` failed and it is still owed: what the bill shows.
pub fn autopay_failed(record: &BillRecord, i: &InstallmentRecord) -> bool {
    i.is_open()
        && record
            .autopay_charges
            .iter()
            .any(|c| c.installment == i.number && c.outcome == AutopayOutcome::NotEnoughFunds)
}

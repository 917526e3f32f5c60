//! Bills (a pay-later order's repayment plan), their status on a given day, late interest,
//! early-repayment quotes, and applying a repayment.
//!
//! Nothing here reads a clock: every function takes `today`.
//!
//! Money rules (the mock API's policy, see [`Policy`]):
//! * late interest on an unpaid installment is `principal × daily rate × days overdue`, rounded
//!   half away from zero, per installment;
//! * repaying the **next installment** pays the earliest unpaid installment in full: its principal,
//!   its fee and its late interest, whether or not it is due yet;
//! * **settling** pays the remaining principal, the fees of installments already due (due on or
//!   before today), and late interest; fees of installments not yet due are waived, and the quote
//!   says how much was waived;
//! * a merchant's **refund** lowers the principal of the installments, last first, with their fees
//!   in proportion: see [`crate::refund`]. An installment whose principal is refunded in full is
//!   closed ("refunded"); late interest is always computed on the principal as it is now.
//!
//! In three parts: [`record`] is the bill as the provider stores it, [`view`] the bill as the API
//! answers it on a given day, [`pricing`] the early-repayment rule (late interest, quotes, and
//! recording a repayment at the quote's figures).

mod autopay;
mod pricing;
mod record;
mod view;

pub use autopay::{Autopay, AutopayCharge, AutopayOutcome, autopay_failed, charges_due};
pub use pricing::{
    PricedRepayment, QuoteBreakdown, QuoteError, QuoteLine, QuoteScope, apply_repayment, late_interest, quote,
    quote_installment,
};
pub use record::{BillRecord, InstallmentPayment, InstallmentRecord, PaidSoFar, overdue_days};
pub use view::{Bill, BillInstallment, BillRefund, BillStatus, InstallmentStatus, NextDue, RefundPayback, bill_view};

//! The pure-Rust core of the Pay Later widget: money, plans and schedules, bills, late interest,
//! early-repayment quotes, eligibility and the API's types. No web dependencies and no clock:
//! "today" and "now" are always passed in, so the browser widget, the in-browser mock and the
//! sandbox server all compute the same figures from the same code.

// Nothing that comes from the API or the merchant may panic (release builds abort): enforced here.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing))]

// The contract and how to talk to it: public modules.
pub mod api;
pub mod client;
pub mod json;
pub mod locale;
/// The provider's behaviour as a state machine: the in-browser mock and the sandbox server.
/// Behind the default `sandbox` feature, so that a widget built without its mock leaves it out.
#[cfg(feature = "sandbox")]
pub mod sandbox;

// The rules: private modules, their surface re-exported here (the API's own types, such as
// `Bill`, `Offer` or `PlanKind`, are in [`api`]).
mod apr;
mod bill;
mod calendar;
mod dates;
mod eligibility;
mod ids;
mod money;
mod payment;
mod plan;
mod refund;
mod typed_amount;

pub use apr::{AprError, annual_from_daily, annual_rate, monthly_rate};
pub use bill::{
    AutopayCharge, AutopayOutcome, BillRecord, InstallmentPayment, InstallmentRecord, PaidSoFar, PricedRepayment,
    QuoteError, apply_repayment, autopay_failed, bill_view, charges_due, late_interest, overdue_days, quote,
    quote_installment,
};
pub use calendar::{CalendarWords, bill_calendar};
pub use dates::{DateError, add_months, days_between, iso_date, rfc3339};
pub use eligibility::{CreditSnapshot, SCORE_MAX, SCORE_MIN, ineligibility_reasons};
pub use money::{Currency, MAX_WHOLE_DIGITS, MONEY_ROUNDING, Money, MoneyError, allocate, plain_decimal, round_minor};
pub use plan::{Policy, ScheduleError, all_schedules, due_dates, schedule};
pub use refund::{InstallmentRefund, RefundError, RefundSplit, apply_refund, refundable};
pub use rust_decimal::Decimal;
pub use time;
pub use typed_amount::{TypedAmountError, typed_amount};

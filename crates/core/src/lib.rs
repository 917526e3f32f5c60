//! The pure-Rust core of the Pay Later widget: money, plans and schedules, bills, late interest,
//! early-repayment quotes, eligibility and the API's types. No web dependencies and no clock:
//! "today" and "now" are always passed in, so the browser widget, the in-browser mock and the
//! sandbox server all compute the same figures from the same code.

// Nothing that comes from the API or the merchant may panic (release builds abort): enforced here.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing))]

pub mod api;
pub mod apr;
pub mod bill;
pub mod client;
pub mod dates;
pub mod eligibility;
pub mod ids;
pub mod json;
pub mod locale;
pub mod money;
pub mod payment;
pub mod plan;
pub mod refund;
/// The provider's behaviour as a state machine: the in-browser mock and the sandbox server.
/// Behind the default `sandbox` feature, so that a widget built without its mock leaves it out.
#[cfg(feature = "sandbox")]
pub mod sandbox;

pub use money::{Currency, Money, MoneyError, allocate, round_minor};
pub use plan::{PlanKind, Policy, Schedule, schedule};
pub use rust_decimal::Decimal;
pub use time;

//! Plans on offer and the schedules they produce.
//!
//! A plan turns a principal and an order date into a [`Schedule`]: each installment's due date,
//! principal, fee and amount, and the totals. The fee is `principal × the plan's fee rate`,
//! rounded half away from zero to the minor unit, then split over the installments with
//! [`allocate`] (leftover minor units on the first installments), as is the principal.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use time::{Date, Duration};

use crate::dates::{add_months, iso_date};
use crate::money::{Money, MoneyError, allocate};

/// The plans the service offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PlanKind {
    /// Pay the whole amount once, [`Policy::pay_in_full_days`] after the order; no fee.
    #[serde(rename = "pay_in_30_days")]
    PayIn30Days,
    /// 3 monthly installments.
    #[serde(rename = "installments_3")]
    Installments3,
    /// 6 monthly installments.
    #[serde(rename = "installments_6")]
    Installments6,
    /// 12 monthly installments.
    #[serde(rename = "installments_12")]
    Installments12,
}

impl PlanKind {
    pub const ALL: [PlanKind; 4] =
        [PlanKind::PayIn30Days, PlanKind::Installments3, PlanKind::Installments6, PlanKind::Installments12];

    /// How many payments the plan has.
    pub const fn installment_count(self) -> u32 {
        match self {
            PlanKind::PayIn30Days => 1,
            PlanKind::Installments3 => 3,
            PlanKind::Installments6 => 6,
            PlanKind::Installments12 => 12,
        }
    }

    /// The wire name, e.g. `"installments_6"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            PlanKind::PayIn30Days => "pay_in_30_days",
            PlanKind::Installments3 => "installments_3",
            PlanKind::Installments6 => "installments_6",
            PlanKind::Installments12 => "installments_12",
        }
    }
}

impl core::str::FromStr for PlanKind {
    type Err = String;

    /// A plan by its wire name (`"installments_12"`).
    fn from_str(name: &str) -> Result<PlanKind, String> {
        PlanKind::ALL.into_iter().find(|p| p.as_str() == name).ok_or_else(|| {
            let names: Vec<&str> = PlanKind::ALL.iter().map(|p| p.as_str()).collect();
            format!("{} is not a plan: use one of {}", crate::json::Quoted(name), names.join(", "))
        })
    }
}

/// The provider's policy: fee rates per plan, late interest, the pay-in-full term, what counts as
/// "due soon" and "seriously overdue", the credit-score threshold and how long a quote holds.
///
/// The defaults are the mock API's policy (PRODUCT.md); a real provider may configure others, and
/// every computation takes the policy instead of reading literals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    /// Total fee rate of the 3-installment plan, as a fraction of the principal (0.025 = 2.5 %).
    pub fee_rate_installments_3: Decimal,
    /// Total fee rate of the 6-installment plan (0.045 = 4.5 %).
    pub fee_rate_installments_6: Decimal,
    /// Total fee rate of the 12-installment plan (0.088 = 8.8 %).
    pub fee_rate_installments_12: Decimal,
    /// Fee rate of paying in full (0).
    pub fee_rate_pay_in_full: Decimal,
    /// Days from the order to the due date of the pay-in-full plan (30).
    pub pay_in_full_days: u32,
    /// Late interest per day overdue, as a fraction of the overdue principal (0.0005 = 0.05 %).
    pub late_interest_daily_rate: Decimal,
    /// A bill whose next installment falls due within this many days is "due soon" (3).
    pub due_soon_days: u32,
    /// Lowest credit score (350–950 scale) that can pay later (550).
    pub min_credit_score: u16,
    /// An installment overdue by more than this many days blocks new pay-later orders (30).
    pub serious_overdue_days: u32,
    /// How long an early-repayment quote holds, in seconds (600).
    pub quote_ttl_seconds: u32,
    /// How long an authorization waits for the merchant's capture before it expires and its hold
    /// on the limit is released, in seconds (7 days: 604,800).
    pub authorization_ttl_seconds: u32,
    /// The first wait before a failed webhook delivery is tried again, in milliseconds (1,000);
    /// it doubles with each attempt, up to an hour.
    pub webhook_retry_base_ms: u32,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            fee_rate_installments_3: Decimal::new(25, 3),
            fee_rate_installments_6: Decimal::new(45, 3),
            fee_rate_installments_12: Decimal::new(88, 3),
            fee_rate_pay_in_full: Decimal::ZERO,
            pay_in_full_days: 30,
            late_interest_daily_rate: Decimal::new(5, 4),
            due_soon_days: 3,
            min_credit_score: 550,
            serious_overdue_days: 30,
            quote_ttl_seconds: 600,
            authorization_ttl_seconds: 7 * 24 * 3600,
            webhook_retry_base_ms: 1_000,
        }
    }
}

impl Policy {
    /// Sets an installment plan's total fee rate (the sandbox's `--fee-rate installments_12=0.06`):
    /// from 0 up to, not including, 1. Paying in full stays free (the offer says "no fee").
    pub fn set_fee_rate(&mut self, plan: PlanKind, rate: Decimal) -> Result<(), String> {
        if rate.is_sign_negative() || rate >= Decimal::ONE {
            return Err(format!("a fee rate is a fraction from 0 up to 1, such as 0.06 for 6 %, not {rate}"));
        }
        let slot = match plan {
            PlanKind::PayIn30Days => {
                return Err("paying in full in 30 days has no fee: set an installment plan's rate".into());
            }
            PlanKind::Installments3 => &mut self.fee_rate_installments_3,
            PlanKind::Installments6 => &mut self.fee_rate_installments_6,
            PlanKind::Installments12 => &mut self.fee_rate_installments_12,
        };
        *slot = rate;
        Ok(())
    }

    /// The plan's total fee rate as a fraction of the principal.
    pub fn fee_rate(&self, plan: PlanKind) -> Decimal {
        match plan {
            PlanKind::PayIn30Days => self.fee_rate_pay_in_full,
            PlanKind::Installments3 => self.fee_rate_installments_3,
            PlanKind::Installments6 => self.fee_rate_installments_6,
            PlanKind::Installments12 => self.fee_rate_installments_12,
        }
    }
}

/// One payment of a schedule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduledInstallment {
    /// 1-based position in the plan.
    pub number: u32,
    #[serde(with = "iso_date")]
    pub due_date: Date,
    pub principal: Money,
    pub fee: Money,
    /// `principal + fee`.
    pub amount: Money,
}

/// A plan applied to a principal: what the shopper will pay, and when, before committing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    pub plan: PlanKind,
    /// Total fee rate as a decimal fraction string, e.g. `"0.045"` for 4.5 % (never a JSON number).
    #[serde(with = "rust_decimal::serde::str")]
    pub fee_rate: Decimal,
    /// The annualized rate (年化利率 / APR) of the schedule by the IRR method, as a fraction
    /// rounded to four decimals (`"0.1527"` for 15.27 %): see [`crate::apr`].
    #[serde(with = "rust_decimal::serde::str")]
    pub annual_rate: Decimal,
    pub principal: Money,
    pub fee: Money,
    /// `principal + fee`.
    pub total: Money,
    pub installments: Vec<ScheduledInstallment>,
}

/// Why a schedule could not be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScheduleError {
    /// The principal must be more than zero.
    NonPositivePrincipal,
    /// A due date would fall past the year 9999.
    DateOutOfRange,
    Money(MoneyError),
    /// The schedule has no annual rate (a fee rate out of any sensible range).
    Rate(crate::apr::AprError),
}

impl From<MoneyError> for ScheduleError {
    fn from(e: MoneyError) -> Self {
        ScheduleError::Money(e)
    }
}

impl core::fmt::Display for ScheduleError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            ScheduleError::NonPositivePrincipal => f.write_str("the amount must be more than zero"),
            ScheduleError::DateOutOfRange => f.write_str("a due date would be out of range"),
            ScheduleError::Money(e) => e.fmt(f),
            ScheduleError::Rate(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ScheduleError {}

/// The due dates of `plan` for an order placed on `order_date`.
pub fn due_dates(plan: PlanKind, order_date: Date, config: &Policy) -> Result<Vec<Date>, ScheduleError> {
    match plan {
        PlanKind::PayIn30Days => order_date
            .checked_add(Duration::days(i64::from(config.pay_in_full_days)))
            .map(|d| vec![d])
            .ok_or(ScheduleError::DateOutOfRange),
        _ => (1..=plan.installment_count())
            .map(|m| add_months(order_date, m).ok_or(ScheduleError::DateOutOfRange))
            .collect(),
    }
}

/// The full schedule of `plan` for `principal`, ordered on `order_date`, with its annualized rate.
pub fn schedule(
    plan: PlanKind,
    principal: Money,
    order_date: Date,
    config: &Policy,
) -> Result<Schedule, ScheduleError> {
    let mut schedule = installments_of(plan, principal, order_date, config)?;
    let payments: Vec<(Date, Money)> = schedule.installments.iter().map(|i| (i.due_date, i.amount)).collect();
    schedule.annual_rate = crate::apr::annual_rate(&principal, order_date, &payments).map_err(ScheduleError::Rate)?;
    Ok(schedule)
}

/// The schedule without its annualized rate (left zero): the amounts and dates alone.
fn installments_of(
    plan: PlanKind,
    principal: Money,
    order_date: Date,
    config: &Policy,
) -> Result<Schedule, ScheduleError> {
    if principal.is_negative() || principal.is_zero() {
        return Err(ScheduleError::NonPositivePrincipal);
    }
    let fee_rate = config.fee_rate(plan);
    let fee = principal.mul_rate(fee_rate)?;
    let count = plan.installment_count() as usize;
    let principals = allocate(principal, count)?;
    let fees = allocate(fee, count)?;
    let dates = due_dates(plan, order_date, config)?;
    let installments = principals
        .into_iter()
        .zip(fees)
        .zip(dates)
        .zip(1u32..)
        .map(|(((principal, fee), due_date), number)| {
            Ok(ScheduledInstallment { number, due_date, principal, fee, amount: principal.checked_add(&fee)? })
        })
        .collect::<Result<Vec<_>, MoneyError>>()?;
    let total = principal.checked_add(&fee)?;
    Ok(Schedule { plan, fee_rate, annual_rate: Decimal::ZERO, principal, fee, total, installments })
}

/// Schedules of every plan, in [`PlanKind::ALL`] order.
pub fn all_schedules(principal: Money, order_date: Date, config: &Policy) -> Result<Vec<Schedule>, ScheduleError> {
    PlanKind::ALL.into_iter().map(|plan| schedule(plan, principal, order_date, config)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;
    use time::macros::date;

    fn cny(text: &str) -> Money {
        Money::parse(text, Currency::CNY).unwrap()
    }

    #[test]
    fn six_installments_of_1299() {
        let s = schedule(PlanKind::Installments6, cny("1299.00"), date!(2026 - 11 - 22), &Policy::default()).unwrap();
        // 1299.00 × 4.5 % = 58.455 → 58.46 (half away from zero; banker's would also give 58.46,
        // see fee_rounding_is_half_away_from_zero for a case where they differ).
        assert_eq!(s.fee, cny("58.46"));
        assert_eq!(s.total, cny("1357.46"));
        assert_eq!(s.installments.len(), 6);
        assert_eq!(s.installments[0].principal, cny("216.50"));
        // 58.46 over 6 = 9.74 each and 2 leftover cents, on the first two installments.
        assert_eq!(s.installments[0].fee, cny("9.75"));
        assert_eq!(s.installments[1].fee, cny("9.75"));
        assert_eq!(s.installments[2].fee, cny("9.74"));
        assert_eq!(s.installments[0].amount, cny("226.25"));
        assert_eq!(s.installments[5].fee, cny("9.74"));
        assert_eq!(s.installments[0].due_date, date!(2026 - 12 - 22));
        assert_eq!(s.installments[5].due_date, date!(2027 - 05 - 22));
    }

    #[test]
    fn fee_rounding_is_half_away_from_zero() {
        // 100.10 × 2.5 % = 2.5025 → 2.50; 100.20 × 2.5 % = 2.505 → 2.51 (banker's: 2.50).
        let config = Policy::default();
        let s = schedule(PlanKind::Installments3, cny("100.20"), date!(2026 - 01 - 01), &config).unwrap();
        assert_eq!(s.fee, cny("2.51"));
    }

    #[test]
    fn pay_in_30_days_has_no_fee_and_one_payment() {
        let s = schedule(PlanKind::PayIn30Days, cny("1299.00"), date!(2026 - 11 - 23), &Policy::default()).unwrap();
        assert_eq!(s.fee, cny("0.00"));
        assert_eq!(s.installments.len(), 1);
        assert_eq!(s.installments[0].due_date, date!(2026 - 12 - 23));
        assert_eq!(s.installments[0].amount, cny("1299.00"));
    }

    #[test]
    fn one_cent_over_twelve_installments() {
        let s = schedule(PlanKind::Installments12, cny("0.01"), date!(2026 - 03 - 31), &Policy::default()).unwrap();
        assert_eq!(s.fee, cny("0.00"));
        assert_eq!(s.installments[0].amount, cny("0.01"));
        assert!(s.installments[1..].iter().all(|i| i.amount.is_zero()));
        assert_eq!(s.installments[0].due_date, date!(2026 - 04 - 30));
        assert_eq!(s.installments[10].due_date, date!(2027 - 02 - 28));
    }

    #[test]
    fn yen_schedule_has_whole_yen() {
        let yen = Money::parse("10000", Currency::JPY).unwrap();
        let s = schedule(PlanKind::Installments3, yen, date!(2026 - 01 - 31), &Policy::default()).unwrap();
        assert_eq!(s.fee.amount_string(), "250");
        let amounts: Vec<String> = s.installments.iter().map(|i| i.amount.amount_string()).collect();
        assert_eq!(amounts, ["3418", "3416", "3416"]);
        assert_eq!(s.installments[0].due_date, date!(2026 - 02 - 28));
    }

    #[test]
    fn zero_or_negative_principal_is_refused() {
        let config = Policy::default();
        let today = date!(2026 - 01 - 01);
        assert_eq!(
            schedule(PlanKind::Installments3, cny("0"), today, &config),
            Err(ScheduleError::NonPositivePrincipal)
        );
        assert_eq!(
            schedule(PlanKind::Installments3, cny("-5"), today, &config),
            Err(ScheduleError::NonPositivePrincipal)
        );
    }

    #[test]
    fn plan_wire_names_are_as_str() {
        for plan in PlanKind::ALL {
            assert_eq!(serde_json::to_string(&plan).unwrap(), format!("\"{}\"", plan.as_str()));
        }
    }

    #[test]
    fn fee_rates_come_from_the_config() {
        let config = Policy { fee_rate_installments_6: Decimal::new(6, 2), ..Policy::default() };
        let s = schedule(PlanKind::Installments6, cny("100.00"), date!(2026 - 01 - 01), &config).unwrap();
        assert_eq!(s.fee, cny("6.00"));
        assert_eq!(s.fee_rate, Decimal::new(6, 2));
    }
}

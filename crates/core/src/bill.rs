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
//!   says how much was waived.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::dates::{days_between, iso_date};
use crate::money::{Currency, Money, MoneyError};
use crate::plan::{PlanKind, Policy, Schedule};

/// One installment as the provider stores it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstallmentRecord {
    pub number: u32,
    #[serde(with = "iso_date")]
    pub due_date: Date,
    pub principal: Money,
    pub fee: Money,
    /// Set once the installment is repaid.
    pub payment: Option<InstallmentPayment>,
}

/// How an installment was repaid.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstallmentPayment {
    #[serde(with = "iso_date")]
    pub paid_on: Date,
    /// The part of the fee that was waived (early settlement), zero otherwise.
    pub fee_waived: Money,
    /// Late interest paid with it.
    pub late_interest: Money,
}

/// A bill as the provider stores it: the order, the plan and its installments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillRecord {
    pub id: String,
    pub merchant_id: String,
    pub merchant_name: String,
    pub order_id: String,
    pub plan: PlanKind,
    #[serde(with = "iso_date")]
    pub created_on: Date,
    pub principal: Money,
    pub fee: Money,
    pub installments: Vec<InstallmentRecord>,
}

impl BillRecord {
    /// A new, unpaid bill from a confirmed plan's schedule.
    pub fn from_schedule(
        id: String,
        merchant_id: String,
        merchant_name: String,
        order_id: String,
        created_on: Date,
        schedule: &Schedule,
    ) -> BillRecord {
        BillRecord {
            id,
            merchant_id,
            merchant_name,
            order_id,
            plan: schedule.plan,
            created_on,
            principal: schedule.principal,
            fee: schedule.fee,
            installments: schedule
                .installments
                .iter()
                .map(|i| InstallmentRecord {
                    number: i.number,
                    due_date: i.due_date,
                    principal: i.principal,
                    fee: i.fee,
                    payment: None,
                })
                .collect(),
        }
    }

    pub fn currency(&self) -> Currency {
        self.principal.currency()
    }

    pub fn is_settled(&self) -> bool {
        self.installments.iter().all(|i| i.payment.is_some())
    }

    fn unpaid(&self) -> impl Iterator<Item = &InstallmentRecord> {
        self.installments.iter().filter(|i| i.payment.is_none())
    }

    /// Days the most overdue unpaid installment is past its due date (0 if none is).
    pub fn overdue_days(&self, today: Date) -> u32 {
        self.unpaid().map(|i| overdue_days(i.due_date, today)).max().unwrap_or(0)
    }
}

/// Whole days `due_date` is behind `today` (0 when not overdue).
pub fn overdue_days(due_date: Date, today: Date) -> u32 {
    u32::try_from(days_between(due_date, today).max(0)).unwrap_or(u32::MAX)
}

/// Late interest on `principal` overdue since `due_date`, as of `today`.
pub fn late_interest(principal: Money, due_date: Date, today: Date, policy: &Policy) -> Result<Money, MoneyError> {
    let days = overdue_days(due_date, today);
    if days == 0 {
        return Ok(Money::zero(principal.currency()));
    }
    let rate = policy.late_interest_daily_rate.checked_mul(days.into()).ok_or(MoneyError::Overflow)?;
    principal.mul_rate(rate)
}

/// A bill's status on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BillStatus {
    /// An installment is past its due date: late interest accrues.
    Overdue,
    /// The next installment falls due within [`Policy::due_soon_days`].
    DueSoon,
    /// Nothing due soon, nothing overdue.
    OnSchedule,
    /// Every installment is repaid.
    Settled,
}

/// An installment's status on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InstallmentStatus {
    Paid,
    /// Past its due date and unpaid.
    Overdue,
    /// The earliest unpaid installment that is not overdue (the current period). When an
    /// installment is overdue, that one is paid first: see [`Bill::next_due`].
    Due,
    /// A later installment.
    Upcoming,
}

/// One installment as the shopper sees it on a given day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillInstallment {
    pub number: u32,
    #[serde(with = "iso_date")]
    pub due_date: Date,
    pub principal: Money,
    /// The scheduled fee.
    pub fee: Money,
    /// The part of the fee waived by an early settlement.
    pub fee_waived: Money,
    /// Late interest paid (if paid) or accrued so far (if unpaid).
    pub late_interest: Money,
    /// `principal + fee − fee_waived + late_interest`.
    pub amount: Money,
    pub status: InstallmentStatus,
    #[serde(with = "iso_date::option")]
    pub paid_on: Option<Date>,
}

/// What the shopper pays next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextDue {
    pub installment_number: u32,
    #[serde(with = "iso_date")]
    pub due_date: Date,
    /// The installment's amount including late interest so far.
    pub amount: Money,
}

/// A bill as the shopper sees it on a given day (the API's `Bill`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bill {
    pub id: String,
    pub merchant_id: String,
    pub merchant_name: String,
    pub order_id: String,
    pub plan: PlanKind,
    #[serde(with = "iso_date")]
    pub created_on: Date,
    pub principal: Money,
    /// The plan's total fee, as scheduled.
    pub fee: Money,
    pub status: BillStatus,
    /// Days the most overdue installment is late (0 unless `status` is `overdue`).
    pub overdue_days: u32,
    /// Late interest accrued on unpaid installments.
    pub late_interest: Money,
    /// Unpaid principal + unpaid fees + late interest: what is left to pay on the schedule.
    pub amount_left: Money,
    /// `null` once settled.
    pub next_due: Option<NextDue>,
    #[serde(with = "iso_date::option")]
    pub settled_on: Option<Date>,
    pub installments: Vec<BillInstallment>,
}

/// The bill as the shopper sees it on `today`.
pub fn bill_view(record: &BillRecord, today: Date, policy: &Policy) -> Result<Bill, MoneyError> {
    let currency = record.currency();
    let next_unpaid = record.unpaid().find(|i| overdue_days(i.due_date, today) == 0).map(|i| i.number);
    let mut installments = Vec::with_capacity(record.installments.len());
    for i in &record.installments {
        let (status, fee_waived, late, paid_on) = match &i.payment {
            Some(p) => (InstallmentStatus::Paid, p.fee_waived, p.late_interest, Some(p.paid_on)),
            None => {
                let late = late_interest(i.principal, i.due_date, today, policy)?;
                let status = if overdue_days(i.due_date, today) > 0 {
                    InstallmentStatus::Overdue
                } else if Some(i.number) == next_unpaid {
                    InstallmentStatus::Due
                } else {
                    InstallmentStatus::Upcoming
                };
                (status, Money::zero(currency), late, None)
            }
        };
        let amount = i.principal.checked_add(&i.fee)?.checked_sub(&fee_waived)?.checked_add(&late)?;
        installments.push(BillInstallment {
            number: i.number,
            due_date: i.due_date,
            principal: i.principal,
            fee: i.fee,
            fee_waived,
            late_interest: late,
            amount,
            status,
            paid_on,
        });
    }
    let unpaid: Vec<&BillInstallment> = installments.iter().filter(|i| i.status != InstallmentStatus::Paid).collect();
    let late_interest = Money::sum(currency, unpaid.iter().map(|i| &i.late_interest))?;
    let amount_left = Money::sum(currency, unpaid.iter().map(|i| &i.amount))?;
    let next_due =
        unpaid.first().map(|i| NextDue { installment_number: i.number, due_date: i.due_date, amount: i.amount });
    let overdue_days = record.overdue_days(today);
    let status = match &next_due {
        None => BillStatus::Settled,
        Some(_) if overdue_days > 0 => BillStatus::Overdue,
        Some(next) if days_between(today, next.due_date) <= i64::from(policy.due_soon_days) => BillStatus::DueSoon,
        Some(_) => BillStatus::OnSchedule,
    };
    let settled_on = if next_due.is_none() { installments.iter().filter_map(|i| i.paid_on).max() } else { None };
    Ok(Bill {
        id: record.id.clone(),
        merchant_id: record.merchant_id.clone(),
        merchant_name: record.merchant_name.clone(),
        order_id: record.order_id.clone(),
        plan: record.plan,
        created_on: record.created_on,
        principal: record.principal,
        fee: record.fee,
        status,
        overdue_days,
        late_interest,
        amount_left,
        next_due,
        settled_on,
        installments,
    })
}

/// What an early repayment covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteScope {
    /// The earliest unpaid installment, in full.
    NextInstallment,
    /// Everything left on the bill; fees of installments not yet due are waived.
    Settle,
}

/// An early-repayment amount and where it comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteBreakdown {
    pub principal: Money,
    /// Fees charged (of installments already due, or of the next installment).
    pub fees: Money,
    pub late_interest: Money,
    /// Fees of installments not yet due that settling early does not charge.
    pub fees_waived: Money,
    /// `principal + fees + late_interest`.
    pub total: Money,
    /// The installments the repayment pays off.
    pub installments: Vec<u32>,
}

/// Why no quote could be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuoteError {
    /// Every installment is already repaid.
    NothingToRepay,
    Money(MoneyError),
}

impl From<MoneyError> for QuoteError {
    fn from(e: MoneyError) -> Self {
        QuoteError::Money(e)
    }
}

impl core::fmt::Display for QuoteError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            QuoteError::NothingToRepay => f.write_str("this bill is already settled: there is nothing to repay"),
            QuoteError::Money(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for QuoteError {}

/// Quotes an early repayment of `record` on `today`.
pub fn quote(
    record: &BillRecord,
    scope: QuoteScope,
    today: Date,
    policy: &Policy,
) -> Result<QuoteBreakdown, QuoteError> {
    let currency = record.currency();
    let unpaid: Vec<&InstallmentRecord> = record.unpaid().collect();
    let covered: Vec<&InstallmentRecord> = match scope {
        QuoteScope::NextInstallment => unpaid.first().copied().into_iter().collect(),
        QuoteScope::Settle => unpaid,
    };
    if covered.is_empty() {
        return Err(QuoteError::NothingToRepay);
    }
    let mut principal = Money::zero(currency);
    let mut fees = Money::zero(currency);
    let mut fees_waived = Money::zero(currency);
    let mut late = Money::zero(currency);
    for i in &covered {
        principal = principal.checked_add(&i.principal)?;
        late = late.checked_add(&late_interest(i.principal, i.due_date, today, policy)?)?;
        let fee_is_due = i.due_date <= today || scope == QuoteScope::NextInstallment;
        if fee_is_due {
            fees = fees.checked_add(&i.fee)?;
        } else {
            fees_waived = fees_waived.checked_add(&i.fee)?;
        }
    }
    let total = principal.checked_add(&fees)?.checked_add(&late)?;
    Ok(QuoteBreakdown {
        principal,
        fees,
        late_interest: late,
        fees_waived,
        total,
        installments: covered.iter().map(|i| i.number).collect(),
    })
}

/// Marks the installments a quote covered as repaid on `today`, with the late interest and
/// waived fees the quote priced. The caller has checked that the quote is still valid (made for
/// this bill, on this day, not used), so the breakdown matches the installments.
pub fn apply_repayment(
    record: &mut BillRecord,
    scope: QuoteScope,
    breakdown: &QuoteBreakdown,
    today: Date,
    policy: &Policy,
) -> Result<(), MoneyError> {
    let currency = record.currency();
    for i in record.installments.iter_mut() {
        if i.payment.is_some() || !breakdown.installments.contains(&i.number) {
            continue;
        }
        let waived = scope == QuoteScope::Settle && i.due_date > today;
        let fee_waived = if waived { i.fee } else { Money::zero(currency) };
        i.payment = Some(InstallmentPayment {
            paid_on: today,
            fee_waived,
            late_interest: late_interest(i.principal, i.due_date, today, policy)?,
        });
    }
    Ok(())
}

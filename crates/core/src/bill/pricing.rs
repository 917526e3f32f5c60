//! The repayment rule: late interest, what a repayment of the next installment, of the whole bill
//! or of another amount pays on a given day (the quote), and recording a repayment at the figures
//! its quote priced.
//!
//! **Another amount** (`QuoteScope::Amount`, more than zero, at most what settles the bill today)
//! is applied in this order, each step earliest installment first:
//! 1. the late interest of every installment due (due on or before today);
//! 2. then their fees;
//! 3. then their principal;
//! 4. what is left pays principal of installments not yet due, **last installment first**, so the
//!    next payments stay as scheduled and the plan ends sooner. Each such installment's fee is
//!    waived in proportion to the principal paid ahead (`fee × paid ahead / principal`, rounded
//!    half away from zero to the minor unit): the settle rule's waiver, by part. An installment
//!    whose principal is all paid ahead disappears (paid) with its whole fee waived.
//!
//! An amount equal to the settle quote's total therefore settles the bill with the same figures.
//! A part-paid overdue installment accrues late interest from then on on its principal still
//! unpaid only.

use serde::{Deserialize, Serialize};
use time::Date;

use super::{BillRecord, InstallmentPayment, InstallmentRecord, overdue_days};
use crate::money::{Money, MoneyError};
use crate::plan::Policy;

/// Late interest on `principal` overdue since `due_date`, as of `today`.
pub fn late_interest(principal: Money, due_date: Date, today: Date, policy: &Policy) -> Result<Money, MoneyError> {
    let days = overdue_days(due_date, today);
    if days == 0 {
        return Ok(Money::zero(principal.currency()));
    }
    let rate = policy.late_interest_daily_rate.checked_mul(days.into()).ok_or(MoneyError::Overflow)?;
    principal.mul_rate(rate)
}

/// What a repayment covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteScope {
    /// The earliest unpaid installment, in full.
    NextInstallment,
    /// Everything left on the bill; fees of installments not yet due are waived.
    Settle,
    /// An amount the shopper chose, applied by the rule of this module.
    Amount,
}

/// How a repayment pays one installment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteLine {
    pub installment: u32,
    /// What it pays on the installment: `principal + fee + late_interest`.
    pub amount: Money,
    pub principal: Money,
    /// Fee paid.
    pub fee: Money,
    pub late_interest: Money,
    /// Fee no longer charged because principal is paid before its due date.
    pub fee_waived: Money,
    /// Nothing is left to pay on the installment afterwards.
    pub paid_off: bool,
}

/// A repayment's amount and where it comes from (the API's, in a quote and in a repayment).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteBreakdown {
    pub principal: Money,
    /// Fees charged (of installments already due, or of the next installment).
    pub fees: Money,
    pub late_interest: Money,
    /// Fees of installments not yet due that paying early does not charge.
    pub fees_waived: Money,
    /// `principal + fees + late_interest`.
    pub total: Money,
    /// The installments the repayment pays off.
    pub installments: Vec<u32>,
}

/// A priced repayment: its sums (the API's breakdown) and what it pays on each installment (a
/// quote's `lines`, which recording it applies: [`apply_repayment`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PricedRepayment {
    pub breakdown: QuoteBreakdown,
    /// Every installment it touches, in the order the rule pays them.
    pub lines: Vec<QuoteLine>,
}

/// Why no quote could be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuoteError {
    /// Every installment is already repaid.
    NothingToRepay,
    /// Another amount that is zero or less, or in another currency.
    AmountNotPositive,
    /// Another amount above what settles the bill today.
    MoreThanSettles {
        settle: Money,
    },
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
            QuoteError::AmountNotPositive => f.write_str("the amount must be more than zero, in the bill's currency"),
            QuoteError::MoreThanSettles { settle } => {
                write!(f, "{settle} settles this bill today: repay at most that")
            }
            QuoteError::Money(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for QuoteError {}

/// What closing installment `i` costs when a repayment of `scope` pays it off on `today`.
fn pay_off(i: &InstallmentRecord, scope: QuoteScope, today: Date, policy: &Policy) -> Result<QuoteLine, MoneyError> {
    let none = Money::zero(i.fee.currency());
    // Settling the bill waives the fee of every installment not yet due; repaying the next
    // installment pays its fee, due or not.
    let owed = i.fee_owed()?;
    let waived = scope == QuoteScope::Settle && i.due_date > today;
    let (fee, fee_waived) = if waived { (none, owed) } else { (owed, none) };
    let late_interest = i.late_interest_owed(today, policy)?;
    let principal = i.principal_owed()?;
    let amount = principal.checked_add(&fee)?.checked_add(&late_interest)?;
    Ok(QuoteLine { installment: i.number, amount, principal, fee, late_interest, fee_waived, paid_off: true })
}

/// Quotes a repayment of `record` on `today`: what it pays on each installment, and the sums.
/// `amount` is the shopper's amount for [`QuoteScope::Amount`] (ignored otherwise).
pub fn quote(
    record: &BillRecord,
    scope: QuoteScope,
    amount: Option<Money>,
    today: Date,
    policy: &Policy,
) -> Result<PricedRepayment, QuoteError> {
    let unpaid: Vec<&InstallmentRecord> = record.unpaid().collect();
    let Some(next) = unpaid.first() else {
        return Err(QuoteError::NothingToRepay);
    };
    let lines = match (scope, amount) {
        (QuoteScope::NextInstallment, _) => vec![pay_off(next, scope, today, policy)?],
        (QuoteScope::Settle, _) => unpaid.iter().map(|i| pay_off(i, scope, today, policy)).collect::<Result<_, _>>()?,
        (QuoteScope::Amount, Some(amount)) => apply_amount(record, &unpaid, amount, today, policy)?,
        (QuoteScope::Amount, None) => return Err(QuoteError::AmountNotPositive),
    };
    Ok(sum_lines(record, lines)?)
}

/// Quotes installment `number` of `record` in full on `day` (principal, fee, late interest so far):
/// what autopay charges on its due date.
pub fn quote_installment(
    record: &BillRecord,
    number: u32,
    day: Date,
    policy: &Policy,
) -> Result<PricedRepayment, QuoteError> {
    let i = record.unpaid().find(|i| i.number == number).ok_or(QuoteError::NothingToRepay)?;
    Ok(sum_lines(record, vec![pay_off(i, QuoteScope::NextInstallment, day, policy)?])?)
}

fn sum_lines(record: &BillRecord, lines: Vec<QuoteLine>) -> Result<PricedRepayment, MoneyError> {
    let currency = record.currency();
    let principal = Money::sum(currency, lines.iter().map(|l| &l.principal))?;
    let fees = Money::sum(currency, lines.iter().map(|l| &l.fee))?;
    let late_interest = Money::sum(currency, lines.iter().map(|l| &l.late_interest))?;
    let fees_waived = Money::sum(currency, lines.iter().map(|l| &l.fee_waived))?;
    let mut installments: Vec<u32> = lines.iter().filter(|l| l.paid_off).map(|l| l.installment).collect();
    installments.sort_unstable();
    let total = principal.checked_add(&fees)?.checked_add(&late_interest)?;
    let breakdown = QuoteBreakdown { principal, fees, late_interest, fees_waived, total, installments };
    Ok(PricedRepayment { breakdown, lines })
}

/// The lines of a repayment of `amount`, by the rule in this module's documentation.
fn apply_amount(
    record: &BillRecord,
    unpaid: &[&InstallmentRecord],
    amount: Money,
    today: Date,
    policy: &Policy,
) -> Result<Vec<QuoteLine>, QuoteError> {
    let currency = record.currency();
    let zero = Money::zero(currency);
    if amount.currency() != currency || amount.checked_cmp(&zero)? != core::cmp::Ordering::Greater {
        return Err(QuoteError::AmountNotPositive);
    }
    let settle = quote(record, QuoteScope::Settle, None, today, policy)?.breakdown.total;
    if amount.checked_cmp(&settle)? == core::cmp::Ordering::Greater {
        return Err(QuoteError::MoreThanSettles { settle });
    }
    let mut left = amount;
    let mut take = |owed: Money| -> Result<Money, MoneyError> {
        let part = if left.checked_cmp(&owed)? == core::cmp::Ordering::Less { left } else { owed };
        left = left.checked_sub(&part)?;
        Ok(part)
    };
    let due: Vec<&InstallmentRecord> = unpaid.iter().copied().filter(|i| i.due_date <= today).collect();
    let mut lines: Vec<QuoteLine> = due
        .iter()
        .map(|i| QuoteLine {
            installment: i.number,
            amount: zero,
            principal: zero,
            fee: zero,
            late_interest: zero,
            fee_waived: zero,
            paid_off: false,
        })
        .collect();
    for (line, i) in lines.iter_mut().zip(&due) {
        line.late_interest = take(i.late_interest_owed(today, policy)?)?;
    }
    for (line, i) in lines.iter_mut().zip(&due) {
        line.fee = take(i.fee_owed()?)?;
    }
    for (line, i) in lines.iter_mut().zip(&due) {
        line.principal = take(i.principal_owed()?)?;
        line.paid_off = line.principal == i.principal_owed()?
            && line.fee == i.fee_owed()?
            && line.late_interest == i.late_interest_owed(today, policy)?;
    }
    lines.retain(|l| !l.late_interest.is_zero() || !l.fee.is_zero() || !l.principal.is_zero());
    for line in &mut lines {
        line.amount = line.principal.checked_add(&line.fee)?.checked_add(&line.late_interest)?;
    }
    for i in unpaid.iter().rev().filter(|i| i.due_date > today) {
        let owed = i.principal_owed()?;
        let principal = take(owed)?;
        if principal.is_zero() {
            if owed.is_zero() {
                continue;
            }
            break;
        }
        let ahead = i.paid_so_far.principal.checked_add(&principal)?;
        let paid_off = ahead == i.principal;
        // The fee waived so far and now: in proportion to the principal paid ahead.
        let fee_waived = if paid_off {
            i.fee_owed()?
        } else {
            let share = i.fee.amount().checked_mul(ahead.amount()).and_then(|v| v.checked_div(i.principal.amount()));
            let target = Money::from_rounded(share.ok_or(MoneyError::Overflow)?, currency);
            let now = target.checked_sub(&i.paid_so_far.fee_waived)?;
            let owed = i.fee_owed()?;
            if now.is_negative() {
                zero
            } else if now.checked_cmp(&owed)? == core::cmp::Ordering::Greater {
                owed
            } else {
                now
            }
        };
        lines.push(QuoteLine {
            installment: i.number,
            amount: principal,
            principal,
            fee: zero,
            late_interest: zero,
            fee_waived,
            paid_off,
        });
    }
    Ok(lines)
}

/// Records a repayment of `lines` (as [`quote`] priced them) on `today`: each installment's paid
/// figures grow by its line's, nothing is priced again, and an installment the line pays off is
/// closed (repaid). The caller has checked that the quote is still valid (made for this bill, on
/// this day, not used, the bill unchanged since).
pub fn apply_repayment(record: &mut BillRecord, lines: &[QuoteLine], today: Date, policy: &Policy) {
    for line in lines {
        let Some(i) = record.installments.iter_mut().find(|i| i.number == line.installment && i.is_open()) else {
            continue;
        };
        let Ok(accrued) = i.late_interest_accrued(today, policy) else { continue };
        let paid = &mut i.paid_so_far;
        let add = |a: Money, b: &Money| a.checked_add(b).unwrap_or(a);
        if !line.principal.is_zero() {
            // Its unpaid principal changes today: the late interest so far is fixed first.
            paid.late_accrued = accrued;
            paid.accrued_on = Some(today);
        }
        paid.principal = add(paid.principal, &line.principal);
        paid.fee = add(paid.fee, &line.fee);
        paid.fee_waived = add(paid.fee_waived, &line.fee_waived);
        paid.late_interest = add(paid.late_interest, &line.late_interest);
        if line.paid_off {
            i.payment = Some(InstallmentPayment {
                paid_on: today,
                fee_waived: paid.fee_waived,
                late_interest: paid.late_interest,
            });
        }
    }
}

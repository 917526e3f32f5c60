//! The early-repayment rule: late interest, what a repayment of the next installment or of the
//! whole bill costs on a given day (the quote), and recording a repayment at the figures its quote
//! priced.

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

/// One installment a quote covers, at the figures the quote priced it: what a repayment of that
/// quote records on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoveredInstallment {
    pub number: u32,
    /// Its fee, charged (due, or the next installment's) or waived (settling before it is due).
    pub fee_due: Money,
    pub fee_waived: Money,
    pub late_interest: Money,
}

/// A priced early repayment: the breakdown the shopper is shown (the API's), and each installment
/// it covers at the figures that make it up (kept by the provider with the quote, so that paying
/// it records exactly what was quoted).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PricedRepayment {
    pub breakdown: QuoteBreakdown,
    pub covered: Vec<CoveredInstallment>,
}

/// What installment `i` costs when a repayment of `scope` covers it on `today`: the rule of early
/// repayment, in one place.
fn price(
    i: &InstallmentRecord,
    scope: QuoteScope,
    today: Date,
    policy: &Policy,
) -> Result<CoveredInstallment, MoneyError> {
    let none = Money::zero(i.fee.currency());
    // Settling the bill waives the fee of every installment not yet due; repaying the next
    // installment pays its fee, due or not.
    let waived = scope == QuoteScope::Settle && i.due_date > today;
    let (fee_due, fee_waived) = if waived { (none, i.fee) } else { (i.fee, none) };
    let late_interest = late_interest(i.principal, i.due_date, today, policy)?;
    Ok(CoveredInstallment { number: i.number, fee_due, fee_waived, late_interest })
}

/// Quotes an early repayment of `record` on `today`: the installments it covers, each priced,
/// and their sums.
pub fn quote(
    record: &BillRecord,
    scope: QuoteScope,
    today: Date,
    policy: &Policy,
) -> Result<PricedRepayment, QuoteError> {
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
    let mut lines = Vec::with_capacity(covered.len());
    for i in &covered {
        let priced = price(i, scope, today, policy)?;
        principal = principal.checked_add(&i.principal)?;
        late = late.checked_add(&priced.late_interest)?;
        fees = fees.checked_add(&priced.fee_due)?;
        fees_waived = fees_waived.checked_add(&priced.fee_waived)?;
        lines.push(priced);
    }
    let total = principal.checked_add(&fees)?.checked_add(&late)?;
    let breakdown = QuoteBreakdown {
        principal,
        fees,
        late_interest: late,
        fees_waived,
        total,
        installments: covered.iter().map(|i| i.number).collect(),
    };
    Ok(PricedRepayment { breakdown, covered: lines })
}

/// Marks the installments a quote covered (`covered`, as [`quote`] priced them) as repaid on
/// `today`, each with the late interest and waived fee the quote priced (nothing is priced again).
/// The caller has checked that the quote is still valid (made for this bill, on this day, not used,
/// the bill unchanged since), so its installments are the bill's open ones it names.
pub fn apply_repayment(record: &mut BillRecord, covered: &[CoveredInstallment], today: Date) {
    for line in covered {
        if let Some(i) = record.installments.iter_mut().find(|i| i.number == line.number && i.is_open()) {
            i.payment = Some(InstallmentPayment {
                paid_on: today,
                fee_waived: line.fee_waived,
                late_interest: line.late_interest,
            });
        }
    }
}

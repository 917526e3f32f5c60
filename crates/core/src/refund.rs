//! The money rule of a merchant's refund on a captured order's bill. Exact, and the same wherever
//! it runs (the in-browser mock, the sandbox server).
//!
//! A refund of `amount` (more than zero, at most the principal not yet refunded):
//!
//! 1. **takes principal off the installments, last first**: the last installment loses up to all
//!    of its principal before the one before it is touched. Installments are repaid earliest
//!    first, so a refund lowers what is still owed before it touches anything already paid;
//! 2. **takes the fee off with the principal, in proportion**: an installment whose principal goes
//!    from `p` to `p'` has its fee go from `f` to `f × p' / p`, rounded half away from zero to the
//!    minor unit (so an untouched installment keeps its fee and a fully refunded one has none).
//!    For an installment already repaid, the fee it was *charged* (its fee less any fee waived by
//!    early settlement) is scaled the same way;
//! 3. **splits what it took off** into what the shopper no longer owes (open installments) and
//!    what the shopper had paid and gets back (repaid installments: principal plus charged fee,
//!    never the late interest paid, which was the price of paying late). On an open installment
//!    that repayments of another amount paid in part, the refund takes the principal still owed
//!    first and then the part paid (which goes back, with the fee paid in proportion). The caller
//!    pays what goes back to the payment method each installment was repaid with;
//! 4. **closes** an installment whose principal is refunded in full (status `refunded`); late
//!    interest on an open installment is always computed on its principal as it is now.
//!
//! The books of every order hold to the minor unit: captured principal = principal refunded +
//! principal repaid (and kept) + principal outstanding; and for every refund,
//! `amount + fees_refunded = owed_reduced + paid_back`.

use time::Date;

use crate::bill::{BillRecord, InstallmentPayment};
use crate::money::{Money, MoneyError};

/// What one refund took off one installment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InstallmentRefund {
    pub number: u32,
    pub principal: Money,
    /// Fee taken off that was owed (open) or charged (repaid).
    pub fee: Money,
    /// The installment had been repaid (in full).
    pub repaid: bool,
    /// What goes back to the shopper from it: principal and fee it had paid (repaid in full, or in
    /// part by repayments of another amount).
    pub paid_back: Money,
}

/// How a refund split.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefundSplit {
    /// The installments it touched, last first.
    pub installments: Vec<InstallmentRefund>,
    /// Principal refunded (the refund's amount).
    pub principal: Money,
    /// Fees taken off with it.
    pub fees: Money,
    /// How much less the shopper owes.
    pub owed_reduced: Money,
    /// What the shopper had paid and gets back.
    pub paid_back: Money,
}

/// Why a refund was refused; nothing changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RefundError {
    /// Zero or negative.
    NotPositive,
    /// More than the principal not yet refunded.
    MoreThanRefundable {
        refundable: Money,
    },
    Money(MoneyError),
}

impl From<MoneyError> for RefundError {
    fn from(e: MoneyError) -> Self {
        RefundError::Money(e)
    }
}

impl core::fmt::Display for RefundError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            RefundError::NotPositive => f.write_str("a refund must be more than zero"),
            RefundError::MoreThanRefundable { refundable } => {
                write!(f, "at most {refundable} of this order can still be refunded")
            }
            RefundError::Money(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for RefundError {}

/// The principal of `record` not yet refunded (repaid or not): the most a refund can be.
pub fn refundable(record: &BillRecord) -> Result<Money, MoneyError> {
    Money::sum(record.currency(), record.installments.iter().map(|i| &i.principal))
}

/// `value × now / before`, rounded half away from zero to the minor unit (`before` > 0).
fn scale(value: Money, now: Money, before: Money) -> Result<Money, MoneyError> {
    let scaled = value
        .amount()
        .checked_mul(now.amount())
        .and_then(|v| v.checked_div(before.amount()))
        .ok_or(MoneyError::Overflow)?;
    Ok(Money::from_rounded(scaled, value.currency()))
}

/// Applies a refund of `amount` to `record` on `today` by the rule above, or changes nothing and
/// says why.
pub fn apply_refund(record: &mut BillRecord, amount: Money, today: Date) -> Result<RefundSplit, RefundError> {
    let currency = record.currency();
    if amount.checked_cmp(&Money::zero(currency))? != core::cmp::Ordering::Greater {
        return Err(RefundError::NotPositive);
    }
    let refundable = refundable(record)?;
    if amount.checked_cmp(&refundable)? == core::cmp::Ordering::Greater {
        return Err(RefundError::MoreThanRefundable { refundable });
    }
    // Work on a copy: all or nothing.
    let mut updated = record.clone();
    let mut left = amount;
    let mut split = RefundSplit {
        installments: Vec::new(),
        principal: amount,
        fees: Money::zero(currency),
        owed_reduced: Money::zero(currency),
        paid_back: Money::zero(currency),
    };
    for i in updated.installments.iter_mut().rev() {
        if left.is_zero() {
            break;
        }
        if i.principal.is_zero() {
            continue;
        }
        let take = if left.checked_cmp(&i.principal)? == core::cmp::Ordering::Less { left } else { i.principal };
        let before = i.principal;
        let after = before.checked_sub(&take)?;
        let fee_after = scale(i.fee, after, before)?;
        let fee_off = i.fee.checked_sub(&fee_after)?;
        let repaid = i.payment.is_some();
        let back;
        // The fee that mattered to the shopper: owed (open) or charged (repaid; a waived fee was
        // neither owed nor paid, so taking it off moves no money).
        let fee_part = if let Some(payment) = i.payment.as_mut() {
            let charged = i.fee.checked_sub(&payment.fee_waived)?;
            let charged_after = scale(charged, after, before)?;
            payment.fee_waived = fee_after.checked_sub(&charged_after)?;
            let charged_off = charged.checked_sub(&charged_after)?;
            back = take.checked_add(&charged_off)?;
            charged_off
        } else {
            // An open installment: the refund takes the principal still owed first, then what
            // repayments of another amount paid on it (which goes back). The fee paid and the fee
            // waived so far scale with the principal; the fee still owed is what remains.
            let part = &mut i.paid_so_far;
            let owed = before.checked_sub(&part.principal)?;
            let from_owed = if take.checked_cmp(&owed)? == core::cmp::Ordering::Less { take } else { owed };
            let from_paid = take.checked_sub(&from_owed)?;
            let fee_owed = i.fee.checked_sub(&part.fee)?.checked_sub(&part.fee_waived)?;
            let paid_fee_after = scale(part.fee, after, before)?;
            let principal_paid_after = part.principal.checked_sub(&from_paid)?;
            // What is left of an installment not yet due is all paid ahead: its whole fee is
            // waived, as paying it all ahead would have (the rule of another amount).
            let all_ahead = !after.is_zero() && principal_paid_after == after && i.due_date > today;
            let mut waived_after = if all_ahead {
                fee_after.checked_sub(&paid_fee_after)?
            } else {
                scale(part.fee_waived, after, before)?
            };
            let mut fee_owed_after = fee_after.checked_sub(&paid_fee_after)?.checked_sub(&waived_after)?;
            if fee_owed_after.is_negative() {
                waived_after = waived_after.checked_add(&fee_owed_after)?;
                fee_owed_after = Money::zero(currency);
            }
            let paid_fee_off = part.fee.checked_sub(&paid_fee_after)?;
            let owed_fee_off = fee_owed.checked_sub(&fee_owed_after)?;
            split.owed_reduced = split.owed_reduced.checked_add(&from_owed)?.checked_add(&owed_fee_off)?;
            back = from_paid.checked_add(&paid_fee_off)?;
            part.principal = principal_paid_after;
            part.fee = paid_fee_after;
            part.fee_waived = waived_after;
            // Nothing left to pay on what remains: it is paid off, on the day of the refund.
            let late_owed = part.late_accrued.checked_sub(&part.late_interest)?;
            if !after.is_zero() && principal_paid_after == after && fee_owed_after.is_zero() && late_owed.is_zero() {
                i.payment = Some(InstallmentPayment {
                    paid_on: today,
                    fee_waived: waived_after,
                    late_interest: part.late_interest,
                });
            }
            owed_fee_off.checked_add(&paid_fee_off)?
        };
        split.fees = split.fees.checked_add(&fee_part)?;
        split.paid_back = split.paid_back.checked_add(&back)?;
        i.principal = after;
        i.fee = fee_after;
        i.refunded_principal = i.refunded_principal.checked_add(&take)?;
        i.refunded_fee = i.refunded_fee.checked_add(&fee_off)?;
        if after.is_zero() {
            i.refunded_on = Some(today);
        }
        split.installments.push(InstallmentRefund {
            number: i.number,
            principal: take,
            fee: fee_part,
            repaid,
            paid_back: back,
        });
        left = left.checked_sub(&take)?;
    }
    *record = updated;
    Ok(split)
}

//! A bill as the provider stores it: the order, the plan as scheduled, and each installment with
//! what refunds took off it and how it was repaid.

use serde::{Deserialize, Serialize};
use time::Date;

use super::{Autopay, AutopayCharge, BillRefund};
use crate::dates::{days_between, iso_date};
use crate::ids::{BillId, MerchantId, OrderId};
use crate::money::{Currency, Money, MoneyError};
use crate::plan::{PlanKind, Policy, Schedule};
use rust_decimal::Decimal;

/// One installment as the provider stores it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstallmentRecord {
    pub number: u32,
    #[serde(with = "iso_date")]
    pub due_date: Date,
    /// The principal as it is now: the scheduled principal less what refunds took off.
    pub principal: Money,
    /// The fee as it is now: the scheduled fee less what refunds took off.
    pub fee: Money,
    /// Set once the installment is repaid.
    pub payment: Option<InstallmentPayment>,
    /// Principal taken off by refunds.
    pub refunded_principal: Money,
    /// Fee taken off by refunds (with the principal, in proportion).
    pub refunded_fee: Money,
    /// The day a refund took the last of its principal: the installment is closed.
    #[serde(with = "iso_date::option")]
    pub refunded_on: Option<Date>,
    /// What repayments of another amount paid on it while it stayed open (zero until one does).
    pub paid_so_far: PaidSoFar,
}

/// What repayments of another amount (see [`super::pricing`]) paid on an installment that is still
/// open, the fee they waived, and its late interest accrued up to the last day its unpaid
/// principal changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaidSoFar {
    pub principal: Money,
    pub fee: Money,
    /// Fee waived because principal was paid before its due date (in proportion).
    pub fee_waived: Money,
    pub late_interest: Money,
    /// Late interest accrued up to `accrued_on` (paid or not): from then on, it accrues on the
    /// principal still unpaid.
    pub late_accrued: Money,
    #[serde(with = "iso_date::option")]
    pub accrued_on: Option<Date>,
}

impl PaidSoFar {
    /// Nothing paid yet.
    pub fn none(currency: Currency) -> PaidSoFar {
        let zero = Money::zero(currency);
        PaidSoFar {
            principal: zero,
            fee: zero,
            fee_waived: zero,
            late_interest: zero,
            late_accrued: zero,
            accrued_on: None,
        }
    }

    /// What was paid on the installment: principal, fee and late interest.
    pub fn total(&self) -> Result<Money, MoneyError> {
        self.principal.checked_add(&self.fee)?.checked_add(&self.late_interest)
    }
}

impl InstallmentRecord {
    /// Neither repaid nor refunded in full: the shopper still owes it.
    pub fn is_open(&self) -> bool {
        self.payment.is_none() && self.refunded_on.is_none()
    }

    /// Principal still to pay (zero once closed).
    pub fn principal_owed(&self) -> Result<Money, MoneyError> {
        if !self.is_open() {
            return Ok(Money::zero(self.principal.currency()));
        }
        self.principal.checked_sub(&self.paid_so_far.principal)
    }

    /// Fee still to pay unless waived (zero once closed).
    pub fn fee_owed(&self) -> Result<Money, MoneyError> {
        if !self.is_open() {
            return Ok(Money::zero(self.principal.currency()));
        }
        self.fee.checked_sub(&self.paid_so_far.fee)?.checked_sub(&self.paid_so_far.fee_waived)
    }

    /// Late interest accrued on an open installment up to `today`, paid or not: what was accrued
    /// when its unpaid principal last changed, plus the unpaid principal × daily rate × days since
    /// (since the due date if it never changed).
    pub fn late_interest_accrued(&self, today: Date, policy: &Policy) -> Result<Money, MoneyError> {
        let from = self.paid_so_far.accrued_on.map_or(self.due_date, |d| d.max(self.due_date));
        let since = super::late_interest(self.principal_owed()?, from, today, policy)?;
        self.paid_so_far.late_accrued.checked_add(&since)
    }

    /// Late interest still to pay on `today` (zero once closed).
    pub fn late_interest_owed(&self, today: Date, policy: &Policy) -> Result<Money, MoneyError> {
        if !self.is_open() {
            return Ok(Money::zero(self.principal.currency()));
        }
        self.late_interest_accrued(today, policy)?.checked_sub(&self.paid_so_far.late_interest)
    }
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
    pub id: BillId,
    pub merchant_id: MerchantId,
    pub merchant_name: String,
    pub order_id: OrderId,
    pub plan: PlanKind,
    #[serde(with = "iso_date")]
    pub created_on: Date,
    /// The principal as captured (scheduled); refunds are recorded on the installments.
    pub principal: Money,
    /// The plan's fee as scheduled.
    pub fee: Money,
    /// The annualized rate of the plan as scheduled (computed once, from the schedule).
    #[serde(with = "rust_decimal::serde::str")]
    pub annual_rate: Decimal,
    pub installments: Vec<InstallmentRecord>,
    /// The merchant's refunds, oldest first.
    pub refunds: Vec<BillRefund>,
    /// Autopay, when the shopper turned it on ([`super::autopay`]).
    pub autopay: Option<Autopay>,
    /// Every autopay charge, by installment (one each at most), oldest first.
    pub autopay_charges: Vec<AutopayCharge>,
}

impl BillRecord {
    /// A new, unpaid bill from a confirmed plan's schedule.
    pub fn from_schedule(
        id: BillId,
        merchant_id: MerchantId,
        merchant_name: String,
        order_id: OrderId,
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
            annual_rate: schedule.annual_rate,
            installments: schedule
                .installments
                .iter()
                .map(|i| InstallmentRecord {
                    number: i.number,
                    due_date: i.due_date,
                    principal: i.principal,
                    fee: i.fee,
                    payment: None,
                    refunded_principal: Money::zero(schedule.principal.currency()),
                    refunded_fee: Money::zero(schedule.principal.currency()),
                    refunded_on: None,
                    paid_so_far: PaidSoFar::none(schedule.principal.currency()),
                })
                .collect(),
            refunds: Vec::new(),
            autopay: None,
            autopay_charges: Vec::new(),
        }
    }

    pub fn currency(&self) -> Currency {
        self.principal.currency()
    }

    /// Nothing left to pay: every installment is repaid or refunded.
    pub fn is_settled(&self) -> bool {
        self.installments.iter().all(|i| !i.is_open())
    }

    /// The installments still owed, earliest first.
    pub fn unpaid(&self) -> impl Iterator<Item = &InstallmentRecord> {
        self.installments.iter().filter(|i| i.is_open())
    }

    /// Principal refunded so far.
    pub fn refunded(&self) -> Result<Money, MoneyError> {
        Money::sum(self.currency(), self.installments.iter().map(|i| &i.refunded_principal))
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

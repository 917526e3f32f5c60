//! A bill as the shopper sees it on a given day (the API's `Bill`): each installment's status,
//! late interest accrued so far, what is left and what is due next; and the merchant's refunds as
//! the bill shows them.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use super::{Autopay, BillRecord, autopay_failed, overdue_days};
use crate::dates::{days_between, iso_date};
use crate::ids::{BillId, MerchantId, OrderId, PaymentMethodId};
use crate::money::{Money, MoneyError};
use crate::plan::{PlanKind, Policy};
use rust_decimal::Decimal;

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
    /// Every installment is repaid (or refunded).
    Settled,
    /// The merchant refunded the whole order: nothing is owed, and what was paid went back.
    Refunded,
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
    /// Its principal was refunded in full by the merchant: nothing is owed (what was paid for it,
    /// late interest aside, went back to the shopper).
    Refunded,
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
    /// The part of the fee waived by paying early (settling, or another amount paid ahead).
    pub fee_waived: Money,
    /// Late interest paid (if paid) or accrued so far (if unpaid).
    pub late_interest: Money,
    /// `principal + fee − fee_waived + late_interest`: the installment's whole cost.
    pub amount: Money,
    /// What repayments paid of `amount` so far: all of it once paid, part of it after a repayment
    /// of another amount; `amount − paid` is what is left on it.
    pub paid: Money,
    /// Principal and fee taken off by the merchant's refunds (`principal` and `fee` are after them).
    pub refunded: Money,
    pub status: InstallmentStatus,
    #[serde(with = "iso_date::option")]
    pub paid_on: Option<Date>,
    /// Autopay charged it on its due date and the method could not cover it: it is still owed.
    pub autopay_failed: bool,
}

/// What the shopper pays next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextDue {
    pub installment_number: u32,
    #[serde(with = "iso_date")]
    pub due_date: Date,
    /// What is left on the installment, late interest so far included.
    pub amount: Money,
}

/// A bill as the shopper sees it on a given day (the API's `Bill`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bill {
    pub id: BillId,
    pub merchant_id: MerchantId,
    pub merchant_name: String,
    pub order_id: OrderId,
    pub plan: PlanKind,
    #[serde(with = "iso_date")]
    pub created_on: Date,
    pub principal: Money,
    /// The plan's total fee, as scheduled.
    pub fee: Money,
    /// The annualized rate (年化利率 / APR) of the plan as scheduled, by the IRR method, as a
    /// fraction rounded to four decimals: the figure the shopper was shown at checkout.
    #[serde(with = "rust_decimal::serde::str")]
    pub annual_rate: Decimal,
    /// Late interest per day overdue, as a fraction of the overdue principal (`"0.0005"`).
    #[serde(with = "rust_decimal::serde::str")]
    pub late_interest_daily_rate: Decimal,
    pub status: BillStatus,
    /// Days the most overdue installment is late (0 unless `status` is `overdue`).
    pub overdue_days: u32,
    /// Late interest accrued on unpaid installments.
    pub late_interest: Money,
    /// Unpaid principal + unpaid fees + late interest: what is left to pay on the schedule.
    pub amount_left: Money,
    /// `null` once settled.
    pub next_due: Option<NextDue>,
    /// The day the last installment was repaid or refunded (`null` while open).
    #[serde(with = "iso_date::option")]
    pub settled_on: Option<Date>,
    /// Principal the merchant refunded (zero if none).
    pub refunded: Money,
    pub installments: Vec<BillInstallment>,
    /// The merchant's refunds, oldest first.
    pub refunds: Vec<BillRefund>,
    /// Autopay: the method it charges on each due date; `null` when off.
    pub autopay: Option<Autopay>,
}

/// A merchant's refund as the shopper sees it on the bill and in the records.
///
/// `amount + fees_refunded = owed_reduced + paid_back`: what the refund took off the bill is
/// either no longer owed or paid back to the shopper.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillRefund {
    pub id: String,
    pub bill_id: BillId,
    pub merchant_name: String,
    pub order_id: OrderId,
    /// Principal refunded.
    pub amount: Money,
    /// Fees taken off with that principal.
    pub fees_refunded: Money,
    /// How much less the shopper owes.
    pub owed_reduced: Money,
    /// What the shopper had already paid and gets back.
    pub paid_back: Money,
    /// Where it goes back to: the payment methods the refunded installments were paid with.
    pub paid_back_to: Vec<RefundPayback>,
    /// The merchant's reason, if it gave one (plain text).
    pub reason: Option<String>,
    #[serde(with = "crate::dates::rfc3339")]
    pub refunded_at: OffsetDateTime,
}

/// Money going back to the payment method it came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundPayback {
    pub payment_method_id: PaymentMethodId,
    pub payment_method_kind: crate::payment::PaymentMethodKind,
    pub payment_method_label: String,
    pub amount: Money,
}

/// The bill as the shopper sees it on `today`.
pub fn bill_view(record: &BillRecord, today: Date, policy: &Policy) -> Result<Bill, MoneyError> {
    let currency = record.currency();
    let next_unpaid = record.unpaid().find(|i| overdue_days(i.due_date, today) == 0).map(|i| i.number);
    let mut installments = Vec::with_capacity(record.installments.len());
    for i in &record.installments {
        let (status, fee_waived, late, paid_on) = match &i.payment {
            Some(p) => {
                let status =
                    if i.refunded_on.is_some() { InstallmentStatus::Refunded } else { InstallmentStatus::Paid };
                (status, p.fee_waived, p.late_interest, Some(p.paid_on))
            }
            None if i.refunded_on.is_some() => {
                (InstallmentStatus::Refunded, Money::zero(currency), i.paid_so_far.late_interest, None)
            }
            None => {
                let late = i.late_interest_accrued(today, policy)?;
                let status = if overdue_days(i.due_date, today) > 0 {
                    InstallmentStatus::Overdue
                } else if Some(i.number) == next_unpaid {
                    InstallmentStatus::Due
                } else {
                    InstallmentStatus::Upcoming
                };
                (status, i.paid_so_far.fee_waived, late, None)
            }
        };
        let amount = i.principal.checked_add(&i.fee)?.checked_sub(&fee_waived)?.checked_add(&late)?;
        let paid = match status {
            InstallmentStatus::Paid => amount,
            // A refunded installment kept only the late interest paid on it; the rest went back.
            InstallmentStatus::Refunded => late,
            _ => i.paid_so_far.total()?,
        };
        installments.push(BillInstallment {
            number: i.number,
            due_date: i.due_date,
            principal: i.principal,
            fee: i.fee,
            fee_waived,
            late_interest: late,
            amount,
            paid,
            refunded: i.refunded_principal.checked_add(&i.refunded_fee)?,
            status,
            paid_on,
            autopay_failed: autopay_failed(record, i),
        });
    }
    let closed = |s: InstallmentStatus| matches!(s, InstallmentStatus::Paid | InstallmentStatus::Refunded);
    let unpaid: Vec<&BillInstallment> = installments.iter().filter(|i| !closed(i.status)).collect();
    let mut late_interest = Money::zero(currency);
    let mut amount_left = Money::zero(currency);
    for (shown, kept) in installments.iter().zip(&record.installments).filter(|(i, _)| !closed(i.status)) {
        late_interest = late_interest.checked_add(&kept.late_interest_owed(today, policy)?)?;
        amount_left = amount_left.checked_add(&shown.amount.checked_sub(&shown.paid)?)?;
    }
    let next_due = match unpaid.first() {
        Some(i) => {
            Some(NextDue { installment_number: i.number, due_date: i.due_date, amount: i.amount.checked_sub(&i.paid)? })
        }
        None => None,
    };
    let overdue_days = record.overdue_days(today);
    let refunded_in_full = record.installments.iter().all(|i| i.principal.is_zero());
    let status = match &next_due {
        None if refunded_in_full => BillStatus::Refunded,
        None => BillStatus::Settled,
        Some(_) if overdue_days > 0 => BillStatus::Overdue,
        Some(next) if days_between(today, next.due_date) <= i64::from(policy.due_soon_days) => BillStatus::DueSoon,
        Some(_) => BillStatus::OnSchedule,
    };
    let settled_on = if next_due.is_none() {
        record.installments.iter().flat_map(|i| [i.payment.as_ref().map(|p| p.paid_on), i.refunded_on]).flatten().max()
    } else {
        None
    };
    Ok(Bill {
        id: record.id.clone(),
        merchant_id: record.merchant_id.clone(),
        merchant_name: record.merchant_name.clone(),
        order_id: record.order_id.clone(),
        plan: record.plan,
        created_on: record.created_on,
        principal: record.principal,
        fee: record.fee,
        annual_rate: record.annual_rate,
        late_interest_daily_rate: policy.late_interest_daily_rate,
        status,
        overdue_days,
        late_interest,
        amount_left,
        next_due,
        settled_on,
        refunded: record.refunded()?,
        installments,
        refunds: record.refunds.clone(),
        autopay: record.autopay.clone(),
    })
}

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

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::dates::{days_between, iso_date};
use crate::ids::{BillId, MerchantId, OrderId, PaymentMethodId};
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
}

impl InstallmentRecord {
    /// Neither repaid nor refunded in full: the shopper still owes it.
    pub fn is_open(&self) -> bool {
        self.payment.is_none() && self.refunded_on.is_none()
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
                })
                .collect(),
            refunds: Vec::new(),
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
    /// The part of the fee waived by an early settlement.
    pub fee_waived: Money,
    /// Late interest paid (if paid) or accrued so far (if unpaid).
    pub late_interest: Money,
    /// `principal + fee − fee_waived + late_interest`.
    pub amount: Money,
    /// Principal and fee taken off by the merchant's refunds (`principal` and `fee` are after them).
    pub refunded: Money,
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
                (InstallmentStatus::Refunded, Money::zero(currency), Money::zero(currency), None)
            }
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
            refunded: i.refunded_principal.checked_add(&i.refunded_fee)?,
            status,
            paid_on,
        });
    }
    let closed = |s: InstallmentStatus| matches!(s, InstallmentStatus::Paid | InstallmentStatus::Refunded);
    let unpaid: Vec<&BillInstallment> = installments.iter().filter(|i| !closed(i.status)).collect();
    let late_interest = Money::sum(currency, unpaid.iter().map(|i| &i.late_interest))?;
    let amount_left = Money::sum(currency, unpaid.iter().map(|i| &i.amount))?;
    let next_due =
        unpaid.first().map(|i| NextDue { installment_number: i.number, due_date: i.due_date, amount: i.amount });
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

/// What one installment costs when a repayment of `scope` covers it on `today`: the rule of early
/// repayment, in one place (quotes price with it, repayments record it).
struct InstallmentPrice {
    fee_due: Money,
    fee_waived: Money,
    late_interest: Money,
}

fn price(
    i: &InstallmentRecord,
    scope: QuoteScope,
    today: Date,
    policy: &Policy,
) -> Result<InstallmentPrice, MoneyError> {
    let none = Money::zero(i.fee.currency());
    // Settling the bill waives the fee of every installment not yet due; repaying the next
    // installment pays its fee, due or not.
    let waived = scope == QuoteScope::Settle && i.due_date > today;
    let (fee_due, fee_waived) = if waived { (none, i.fee) } else { (i.fee, none) };
    Ok(InstallmentPrice { fee_due, fee_waived, late_interest: late_interest(i.principal, i.due_date, today, policy)? })
}

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
        let priced = price(i, scope, today, policy)?;
        principal = principal.checked_add(&i.principal)?;
        late = late.checked_add(&priced.late_interest)?;
        fees = fees.checked_add(&priced.fee_due)?;
        fees_waived = fees_waived.checked_add(&priced.fee_waived)?;
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
    for i in record.installments.iter_mut() {
        if !i.is_open() || !breakdown.installments.contains(&i.number) {
            continue;
        }
        let InstallmentPrice { fee_waived, late_interest, .. } = price(i, scope, today, policy)?;
        i.payment = Some(InstallmentPayment { paid_on: today, fee_waived, late_interest });
    }
    Ok(())
}

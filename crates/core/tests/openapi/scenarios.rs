//! Bills in every state, as the provider stores them, built with the core's real functions
//! (schedules, quotes, repayments, refunds); and the shopper's payment methods.

use paylater_core::Currency;
use paylater_core::Money;
use paylater_core::api::{
    Bill, BillRefund, PaymentMethod, PaymentMethodKind, PlanKind, QuoteScope, RefundPayback, Repayment, RepaymentResult,
};
use paylater_core::apply_refund;
use paylater_core::iso_date;
use paylater_core::{BillRecord, apply_repayment, bill_view, quote};
use paylater_core::{Policy, schedule};
use time::macros::{date, datetime};
use time::{Date, OffsetDateTime};

use crate::{cny, money};

/// The shopper's payment methods: id, kind, label, last four digits, what is available.
const PAYMENT_METHODS: [(&str, PaymentMethodKind, &str, Option<&str>, &str); 4] = [
    ("pm_card_cmb", PaymentMethodKind::BankCard, "招商银行储蓄卡", Some("4321"), "50000.00"),
    ("pm_card_icbc", PaymentMethodKind::BankCard, "工商银行信用卡", Some("0088"), "0.00"),
    ("pm_balance", PaymentMethodKind::Balance, "账户余额", None, "86.40"),
    ("pm_mmf", PaymentMethodKind::MoneyMarketFund, "余额宝", None, "12000.00"),
];

pub fn payment_methods() -> Vec<PaymentMethod> {
    PAYMENT_METHODS
        .iter()
        .map(|&(id, kind, label, last4, available)| PaymentMethod {
            id: id.into(),
            kind,
            label: label.into(),
            last4: last4.map(Into::into),
            available: cny(available),
        })
        .collect()
}

/// A bill as the provider stores it, its repayments so far (oldest first) and the result each
/// repayment answered.
pub struct Scenario {
    pub record: BillRecord,
    pub results: Vec<RepaymentResult>,
}

impl Scenario {
    pub fn new(id: &str, plan: PlanKind, principal: Money, ordered: Date) -> Scenario {
        let s = schedule(plan, principal, ordered, &Policy::default()).expect("a schedule");
        let record = BillRecord::from_schedule(
            id.into(),
            "mch_1001".into(),
            "云杉数码旗舰店".into(),
            format!("ord_{id}").into(),
            ordered,
            &s,
        );
        Scenario { record, results: Vec::new() }
    }

    /// Repays as the API does: quote on the day, apply the quote, record the repayment.
    pub fn repay(self, scope: QuoteScope, paid_at: OffsetDateTime, method: &PaymentMethod) -> Scenario {
        self.repay_with(scope, None, paid_at, method)
    }

    /// Repays another amount, as the API does.
    pub fn repay_some(self, amount: Money, paid_at: OffsetDateTime, method: &PaymentMethod) -> Scenario {
        self.repay_with(QuoteScope::Amount, Some(amount), paid_at, method)
    }

    fn repay_with(
        mut self,
        scope: QuoteScope,
        amount: Option<Money>,
        paid_at: OffsetDateTime,
        method: &PaymentMethod,
    ) -> Scenario {
        let policy = Policy::default();
        let day = paid_at.date();
        let priced = quote(&self.record, scope, amount, day, &policy).expect("something to repay");
        apply_repayment(&mut self.record, &priced.lines, day, &policy);
        let breakdown = priced.breakdown.clone();
        let n = self.results.len() + 1;
        let repayment = Repayment {
            id: format!("rp_{}_{n}", self.record.id),
            receipt_number: format!("PL{}{n:04}", iso_date::format(day).replace('-', "")),
            bill_id: self.record.id.clone(),
            merchant_name: self.record.merchant_name.clone(),
            order_id: self.record.order_id.clone(),
            quote_id: format!("qt_{}_{n}", self.record.id).into(),
            scope,
            amount: breakdown.total,
            breakdown,
            payment_method_id: method.id.clone(),
            payment_method_kind: method.kind,
            payment_method_label: method.label.clone(),
            paid_at,
            autopay: false,
        };
        let bill = bill_view(&self.record, day, &policy).expect("a bill view");
        self.results.push(RepaymentResult { repayment, bill });
        self
    }

    /// Refunds as the API does: by the rule of `paylater_core::refund`, recorded on the bill, what
    /// was repaid going back to `method`.
    pub fn refund(mut self, amount: Money, at: OffsetDateTime, method: &PaymentMethod) -> Scenario {
        let split = apply_refund(&mut self.record, amount, at.date()).expect("the refund applies");
        let n = self.record.refunds.len() + 1;
        let paid_back_to = if split.paid_back.is_zero() {
            Vec::new()
        } else {
            vec![RefundPayback {
                payment_method_id: method.id.clone(),
                payment_method_kind: method.kind,
                payment_method_label: method.label.clone(),
                amount: split.paid_back,
            }]
        };
        self.record.refunds.push(BillRefund {
            id: format!("rf_{}_{n}", self.record.id),
            bill_id: self.record.id.clone(),
            merchant_name: self.record.merchant_name.clone(),
            order_id: self.record.order_id.clone(),
            amount: split.principal,
            fees_refunded: split.fees,
            owed_reduced: split.owed_reduced,
            paid_back: split.paid_back,
            paid_back_to,
            reason: (n == 1).then(|| "退货 Returned".to_owned()),
            refunded_at: at,
        });
        self
    }

    pub fn view(&self, today: Date) -> Bill {
        bill_view(&self.record, today, &Policy::default()).expect("a bill view")
    }
}

/// Bills in every state on [`crate::TODAY`], in several currencies.
pub fn scenarios() -> Vec<Scenario> {
    let [card, _empty_card, balance, fund] = <[PaymentMethod; 4]>::try_from(payment_methods()).expect("four methods");
    vec![
        // Ordered yesterday: every installment ahead, the first due in a month.
        Scenario::new("bill_on_schedule", PlanKind::Installments6, cny("1299.00"), date!(2026 - 11 - 22)),
        // Two installments repaid (one early, one on its due date), the last due in two days.
        Scenario::new("bill_due_soon", PlanKind::Installments3, cny("3000.00"), date!(2026 - 08 - 25))
            .repay(QuoteScope::NextInstallment, datetime!(2026-09-20 09:30:00 +08:00), &card)
            .repay(QuoteScope::NextInstallment, datetime!(2026-10-25 20:05:12 +08:00), &balance),
        // Three installments repaid (the second five days late, with late interest), two overdue,
        // then ¥123.45 of another amount: late interest first, then part of the fourth's fee.
        Scenario::new("bill_overdue", PlanKind::Installments12, cny("5999.00"), date!(2026 - 06 - 10))
            .repay(QuoteScope::NextInstallment, datetime!(2026-07-10 08:00:00 +08:00), &card)
            .repay(QuoteScope::NextInstallment, datetime!(2026-08-15 12:00:00 +08:00), &fund)
            .repay(QuoteScope::NextInstallment, datetime!(2026-09-10 08:00:00 +08:00), &card)
            .repay_some(cny("123.45"), datetime!(2026-11-12 09:00:00 +08:00), &card),
        // ¥300 of another amount ahead of time: the last installment paid off, the one before
        // lowered, their fees waived in proportion.
        Scenario::new("bill_paid_ahead", PlanKind::Installments6, cny("1200.00"), date!(2026 - 11 - 01)).repay_some(
            cny("300.00"),
            datetime!(2026-11-10 12:00:00 +08:00),
            &balance,
        ),
        // Two installments repaid, then settled early: the fees of the four not yet due are waived.
        Scenario::new("bill_settled_early", PlanKind::Installments6, cny("1299.00"), date!(2026 - 09 - 15))
            .repay(QuoteScope::NextInstallment, datetime!(2026-10-15 10:00:00 +08:00), &card)
            .repay(QuoteScope::NextInstallment, datetime!(2026-11-15 10:00:00 +08:00), &card)
            .repay(QuoteScope::Settle, datetime!(2026-11-20 21:45:30.25 +08:00), &fund),
        // Paid in full ten days late, with late interest, in US dollars (time in UTC).
        Scenario::new("bill_settled_late", PlanKind::PayIn30Days, money("49.99", Currency::USD), date!(2026 - 09 - 01))
            .repay(QuoteScope::Settle, datetime!(2026-10-11 03:00:00 UTC), &card),
        // Whole yen, due in a month.
        Scenario::new("bill_jpy", PlanKind::PayIn30Days, money("12800", Currency::JPY), date!(2026 - 11 - 20)),
        // Ordered on a month end (due dates clamped), one installment paid, the other two overdue.
        Scenario::new("bill_krw", PlanKind::Installments3, money("1500000", Currency::KRW), date!(2026 - 07 - 31))
            .repay(QuoteScope::NextInstallment, datetime!(2026-08-31 18:00:00 +09:00), &card),
        // The first installment falls due today: due, not overdue.
        Scenario::new("bill_due_today", PlanKind::Installments3, money("100.20", Currency::EUR), date!(2026 - 10 - 23)),
        // One installment repaid, then the whole order refunded in two steps: the first takes off
        // what was still owed, the second pays the repaid installment back to the card.
        Scenario::new("bill_refunded", PlanKind::Installments3, cny("1200.00"), date!(2026 - 09 - 10))
            .repay(QuoteScope::NextInstallment, datetime!(2026-10-10 09:00:00 +08:00), &card)
            .refund(cny("300.00"), datetime!(2026-10-20 15:30:00 +08:00), &card)
            .refund(cny("900.00"), datetime!(2026-11-01 11:00:00 +08:00), &card),
        // A quarter refunded: the last installment closed, the one before it lowered; still open.
        Scenario::new("bill_part_refunded", PlanKind::Installments6, cny("600.00"), date!(2026 - 10 - 01)).refund(
            cny("150.00"),
            datetime!(2026-11-10 16:00:00 +08:00),
            &card,
        ),
    ]
}

//! The books of an order hold to the cent under any sequence of repayments and refunds (the money
//! rule of `paylater_core::refund`), with worked examples of the rule.

use paylater_core::api::PlanKind;
use paylater_core::api::QuoteScope;
use paylater_core::time::macros::date;
use paylater_core::time::{Date, Duration};
use paylater_core::{BillRecord, QuoteError, apply_repayment, bill_view, quote};
use paylater_core::{Currency, Money};
use paylater_core::{Policy, schedule};
use paylater_core::{RefundError, apply_refund, refundable};
use proptest::prelude::*;

const ORDERED: Date = date!(2026 - 01 - 31);

fn cny(text: &str) -> Money {
    Money::parse(text, Currency::CNY).unwrap()
}

fn bill(plan: PlanKind, principal: Money) -> BillRecord {
    let s = schedule(plan, principal, ORDERED, &Policy::default()).unwrap();
    BillRecord::from_schedule("bill_1".into(), "M".into(), "Shop".into(), "O-1".into(), ORDERED, &s)
}

fn sum(currency: Currency, items: impl IntoIterator<Item = Money>) -> Money {
    items.into_iter().fold(Money::zero(currency), |a, m| a.checked_add(&m).unwrap())
}

#[test]
fn a_refund_takes_the_last_installments_first_with_their_fees_in_proportion() {
    // 3 installments of ¥1,200.00 at 2.5 %: fee ¥30.00 → ¥10.00 each; principal ¥400.00 each.
    let mut b = bill(PlanKind::Installments3, cny("1200.00"));
    let split = apply_refund(&mut b, cny("500.00"), ORDERED).unwrap();
    // The third loses all of its ¥400 and its ¥10 fee; the second loses ¥100 of ¥400 and a
    // quarter of its fee (¥10 × 300/400 = ¥7.50 left).
    assert_eq!(b.installments[2].principal, cny("0.00"));
    assert_eq!(b.installments[2].fee, cny("0.00"));
    assert_eq!(b.installments[2].refunded_on, Some(ORDERED));
    assert_eq!(b.installments[1].principal, cny("300.00"));
    assert_eq!(b.installments[1].fee, cny("7.50"));
    assert_eq!(b.installments[0].principal, cny("400.00"));
    assert_eq!(
        (split.principal, split.fees, split.owed_reduced, split.paid_back),
        (cny("500.00"), cny("12.50"), cny("512.50"), cny("0.00"))
    );
    // A repaid installment is paid back: its principal and the fee it was charged.
    let mut b = bill(PlanKind::Installments3, cny("1200.00"));
    let q = quote(&b, QuoteScope::Settle, None, ORDERED, &Policy::default()).unwrap();
    apply_repayment(&mut b, &q.lines, ORDERED, &Policy::default());
    // Settled on the order day: no fee was due, all three were waived.
    let split = apply_refund(&mut b, cny("400.00"), ORDERED).unwrap();
    assert_eq!((split.owed_reduced, split.paid_back, split.fees), (cny("0.00"), cny("400.00"), cny("0.00")));
    // Rounding of the fee is half away from zero: ¥10.00 × 1/3 = ¥3.333… → ¥3.33.
    let mut b = bill(PlanKind::Installments3, cny("1200.00"));
    apply_refund(&mut b, cny("266.67"), ORDERED).unwrap();
    assert_eq!((b.installments[2].principal, b.installments[2].fee), (cny("133.33"), cny("3.33")));
}

#[test]
fn a_refund_is_more_than_zero_and_at_most_what_is_left() {
    let mut b = bill(PlanKind::Installments6, cny("999.99"));
    let before = b.clone();
    assert_eq!(apply_refund(&mut b, cny("0.00"), ORDERED), Err(RefundError::NotPositive));
    assert_eq!(
        apply_refund(&mut b, cny("1000.00"), ORDERED),
        Err(RefundError::MoreThanRefundable { refundable: cny("999.99") })
    );
    assert!(matches!(
        apply_refund(&mut b, Money::parse("1", Currency::JPY).unwrap(), ORDERED),
        Err(RefundError::Money(_))
    ));
    assert_eq!(b, before, "a refused refund changes nothing");
    apply_refund(&mut b, cny("999.99"), ORDERED).unwrap();
    assert_eq!(refundable(&b).unwrap(), cny("0.00"));
    assert!(b.is_settled());
    let view = bill_view(&b, ORDERED, &Policy::default()).unwrap();
    assert_eq!(view.status, paylater_core::api::BillStatus::Refunded);
    assert_eq!(view.refunded, cny("999.99"));
}

#[derive(Clone, Debug)]
enum Step {
    /// Days pass, then the next installment is repaid.
    RepayNext(u8),
    /// Days pass, then the whole bill is settled.
    Settle(u8),
    /// A refund of this share (per mille) of what is refundable, or more than that (> 1000).
    Refund(u16),
    /// Days pass, then another amount is repaid: this share (per mille) of what settles the bill
    /// (1000: all of it), at least one minor unit.
    RepaySome(u8, u16),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0u8..40).prop_map(Step::RepayNext),
        (0u8..40).prop_map(Step::Settle),
        (1u16..1200).prop_map(Step::Refund),
        (0u8..40, 1u16..=1000).prop_map(|(d, m)| Step::RepaySome(d, m)),
        (0u8..40).prop_map(|d| Step::RepaySome(d, 1000)),
    ]
}

fn plan() -> impl Strategy<Value = PlanKind> {
    prop_oneof![
        Just(PlanKind::PayIn30Days),
        Just(PlanKind::Installments3),
        Just(PlanKind::Installments6),
        Just(PlanKind::Installments12),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// For every order, under any sequence of repayments (next installment, settle, another
    /// amount) and refunds: captured = refunded + repaid + outstanding, to the cent, after every
    /// step; each refund splits exactly into what is no longer owed and what is paid back; what the
    /// shopper paid less what they got back is exactly what was paid on the installments; another
    /// amount is applied in full, and one equal to the settle quote settles the bill; nothing is
    /// ever negative.
    #[test]
    fn the_books_balance_under_any_repayments_and_refunds(
        minor in 100i64..5_000_000,
        jpy in any::<bool>(),
        plan in plan(),
        steps in prop::collection::vec(step(), 1..12),
    ) {
        let currency = if jpy { Currency::JPY } else { Currency::CNY };
        let captured = Money::from_minor(minor, currency);
        let mut b = bill(plan, captured);
        let policy = Policy::default();
        let mut today = ORDERED;
        let (mut paid_in, mut paid_back, mut refunded) = (Money::zero(currency), Money::zero(currency), Money::zero(currency));
        for step in steps {
            match step {
                Step::RepayNext(days) | Step::Settle(days) => {
                    today += Duration::days(i64::from(days));
                    let scope = if matches!(step, Step::Settle(_)) { QuoteScope::Settle } else { QuoteScope::NextInstallment };
                    if let Ok(q) = quote(&b, scope, None, today, &policy) {
                        apply_repayment(&mut b, &q.lines, today, &policy);
                        paid_in = paid_in.checked_add(&q.breakdown.total).unwrap();
                    }
                }
                Step::RepaySome(days, per_mille) => {
                    today += Duration::days(i64::from(days));
                    let Ok(settle) = quote(&b, QuoteScope::Settle, None, today, &policy) else { continue };
                    let share = settle.breakdown.total.amount() * rust_decimal::Decimal::from(per_mille) / rust_decimal::Decimal::from(1000);
                    let mut amount = Money::from_rounded(share, currency);
                    if amount.is_zero() {
                        amount = Money::from_minor(1, currency);
                    }
                    let q = quote(&b, QuoteScope::Amount, Some(amount), today, &policy).unwrap();
                    prop_assert_eq!(q.breakdown.total, amount);
                    for l in &q.lines {
                        prop_assert_eq!(l.amount, l.principal.checked_add(&l.fee).unwrap().checked_add(&l.late_interest).unwrap());
                    }
                    let lines_total = sum(currency, q.lines.iter().map(|l| l.amount));
                    prop_assert_eq!(lines_total, amount);
                    if amount == settle.breakdown.total {
                        let by_number = |lines: &[paylater_core::api::QuoteLine]| {
                            let mut lines = lines.to_vec();
                            lines.sort_by_key(|l| l.installment);
                            lines
                        };
                        prop_assert_eq!(by_number(&q.lines), by_number(&settle.lines));
                    }
                    apply_repayment(&mut b, &q.lines, today, &policy);
                    paid_in = paid_in.checked_add(&q.breakdown.total).unwrap();
                    prop_assert_eq!(b.is_settled(), amount == settle.breakdown.total);
                    // One minor unit more than settles is refused.
                    if !b.is_settled() {
                        let settle_now = quote(&b, QuoteScope::Settle, None, today, &policy).unwrap().breakdown.total;
                        let over = settle_now.checked_add(&Money::from_minor(1, currency)).unwrap();
                        let refused = matches!(quote(&b, QuoteScope::Amount, Some(over), today, &policy), Err(QuoteError::MoreThanSettles { .. }));
                        prop_assert!(refused);
                    }
                }
                Step::Refund(per_mille) => {
                    let left = refundable(&b).unwrap();
                    let amount = Money::from_rounded(
                        left.amount() * rust_decimal::Decimal::from(per_mille) / rust_decimal::Decimal::from(1000),
                        currency,
                    );
                    let before = b.clone();
                    match apply_refund(&mut b, amount, today) {
                        Ok(split) => {
                            prop_assert!(per_mille <= 1000 || amount == left);
                            prop_assert_eq!(split.principal, amount);
                            prop_assert_eq!(
                                split.principal.checked_add(&split.fees).unwrap(),
                                split.owed_reduced.checked_add(&split.paid_back).unwrap()
                            );
                            paid_back = paid_back.checked_add(&split.paid_back).unwrap();
                            refunded = refunded.checked_add(&amount).unwrap();
                        }
                        Err(RefundError::NotPositive) => { prop_assert!(amount.is_zero()); prop_assert_eq!(&b, &before); }
                        Err(RefundError::MoreThanRefundable { refundable }) => {
                            prop_assert!(per_mille > 1000);
                            prop_assert_eq!(refundable, left);
                            prop_assert_eq!(&b, &before);
                        }
                        Err(e) => prop_assert!(false, "{e}"),
                    }
                }
            }
            // The books.
            let repaid = sum(currency, b.installments.iter().map(|i| if i.payment.is_some() { i.principal } else { i.paid_so_far.principal }));
            let outstanding = sum(currency, b.installments.iter().map(|i| i.principal_owed().unwrap()));
            prop_assert_eq!(captured, refunded.checked_add(&repaid).unwrap().checked_add(&outstanding).unwrap());
            prop_assert_eq!(b.refunded().unwrap(), refunded);
            // The shopper's money: in, less back, is what the repaid installments cost.
            let cost = sum(currency, b.installments.iter().map(|i| match i.payment.as_ref() {
                Some(p) => i.principal.checked_add(&i.fee).unwrap().checked_sub(&p.fee_waived).unwrap().checked_add(&p.late_interest).unwrap(),
                None => i.paid_so_far.total().unwrap(),
            }));
            prop_assert_eq!(paid_in.checked_sub(&paid_back).unwrap(), cost);
            for i in &b.installments {
                let waived = i.payment.as_ref().map(|p| p.fee_waived).unwrap_or(Money::zero(currency));
                let part = &i.paid_so_far;
                for m in [i.principal, i.fee, waived, i.refunded_principal, i.refunded_fee, part.principal, part.fee, part.fee_waived, part.late_interest, i.fee_owed().unwrap(), i.principal_owed().unwrap()] {
                    prop_assert!(!m.is_negative(), "{:?}", i);
                }
                prop_assert!(waived.checked_cmp(&i.fee).unwrap() != std::cmp::Ordering::Greater);
            }
            let view = bill_view(&b, today, &policy).unwrap();
            let open_amounts = sum(currency, view.installments.iter()
                .filter(|i| !matches!(i.status, paylater_core::api::InstallmentStatus::Paid | paylater_core::api::InstallmentStatus::Refunded))
                .map(|i| i.amount.checked_sub(&i.paid).unwrap()));
            prop_assert_eq!(view.amount_left, open_amounts);
        }
    }
}

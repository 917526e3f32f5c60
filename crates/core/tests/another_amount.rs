//! Named cases of a repayment of another amount (`QuoteScope::Amount`): the order it pays in, the
//! fee waived on principal paid ahead, late interest after a part payment, and the refusals.

use paylater_core::api::{InstallmentStatus, PlanKind, QuoteScope};
use paylater_core::time::macros::date;
use paylater_core::{BillRecord, QuoteError, apply_repayment, bill_view, quote};
use paylater_core::{Currency, Money};
use paylater_core::{Policy, schedule};

fn cny(text: &str) -> Money {
    Money::parse(text, Currency::CNY).unwrap()
}

/// 3 × 400.00 from 2026-09-01, fee 10.00 each; the first due 2026-10-01.
fn bill() -> BillRecord {
    let ordered = date!(2026 - 09 - 01);
    let s = schedule(PlanKind::Installments3, cny("1200.00"), ordered, &Policy::default()).unwrap();
    BillRecord::from_schedule("B1".into(), "M1".into(), "Shop".into(), "O1".into(), ordered, &s)
}

#[test]
fn an_amount_pays_late_interest_then_fees_then_principal_due() {
    // On 2026-10-11 the first installment is 10 days late: 2.00 of late interest.
    let (mut b, policy, today) = (bill(), Policy::default(), date!(2026 - 10 - 11));
    let q = quote(&b, QuoteScope::Amount, Some(cny("123.45")), today, &policy).unwrap();
    assert_eq!(
        (q.breakdown.late_interest, q.breakdown.fees, q.breakdown.principal, q.breakdown.total),
        (cny("2.00"), cny("10.00"), cny("111.45"), cny("123.45"))
    );
    assert_eq!(q.lines.len(), 1);
    assert_eq!(q.lines[0].installment, 1);
    assert!(!q.lines[0].paid_off);
    assert!(q.breakdown.installments.is_empty());
    apply_repayment(&mut b, &q.lines, today, &policy);
    let view = bill_view(&b, today, &policy).unwrap();
    let first = &view.installments[0];
    assert_eq!((first.status, first.paid), (InstallmentStatus::Overdue, cny("123.45")));
    // 412.00 owed on it, 123.45 paid: 288.55 left; the others untouched.
    assert_eq!(view.next_due.as_ref().unwrap().amount, cny("288.55"));
    assert_eq!(view.amount_left, cny("1108.55"));
    // From then on late interest accrues on the 288.55 still unpaid: 0.14 a day.
    let tomorrow = bill_view(&b, date!(2026 - 10 - 12), &policy).unwrap();
    assert_eq!(tomorrow.installments[0].late_interest, cny("2.14"));
    assert_eq!(tomorrow.late_interest, cny("0.14"));
    assert_eq!(tomorrow.next_due.unwrap().amount, cny("288.69"));
}

#[test]
fn the_rest_pays_principal_ahead_last_installment_first_with_its_fee_waived_in_proportion() {
    let (mut b, policy, today) = (bill(), Policy::default(), date!(2026 - 10 - 11));
    // 412.00 closes the first; the other 88.00 goes to the third: fee waived 10.00 × 88 / 400.
    let q = quote(&b, QuoteScope::Amount, Some(cny("500.00")), today, &policy).unwrap();
    assert_eq!(q.breakdown.installments, [1]);
    let third = q.lines.iter().find(|l| l.installment == 3).unwrap();
    assert_eq!((third.principal, third.fee_waived, third.paid_off), (cny("88.00"), cny("2.20"), false));
    assert!(q.lines.iter().all(|l| l.installment != 2), "the next payment stays as scheduled");
    apply_repayment(&mut b, &q.lines, today, &policy);
    let view = bill_view(&b, today, &policy).unwrap();
    assert_eq!(view.installments[0].status, InstallmentStatus::Paid);
    assert_eq!(view.next_due.as_ref().unwrap().amount, cny("410.00"));
    // The third: 400.00 + 10.00 − 2.20 waived = 407.80, 88.00 paid, 319.80 left.
    let shown = &view.installments[2];
    assert_eq!((shown.amount, shown.paid, shown.fee_waived), (cny("407.80"), cny("88.00"), cny("2.20")));
    // Settling now costs what is left, less the rest of the third's fee.
    let settle = quote(&b, QuoteScope::Settle, None, today, &policy).unwrap();
    assert_eq!(settle.breakdown.total, cny("712.00"));
}

#[test]
fn an_amount_equal_to_the_settle_quote_settles_the_bill() {
    let (mut b, policy, today) = (bill(), Policy::default(), date!(2026 - 10 - 11));
    let settle = quote(&b, QuoteScope::Settle, None, today, &policy).unwrap();
    let q = quote(&b, QuoteScope::Amount, Some(settle.breakdown.total), today, &policy).unwrap();
    assert_eq!(
        (q.breakdown.principal, q.breakdown.fees, q.breakdown.late_interest, q.breakdown.fees_waived),
        (
            settle.breakdown.principal,
            settle.breakdown.fees,
            settle.breakdown.late_interest,
            settle.breakdown.fees_waived
        )
    );
    assert_eq!(q.breakdown.installments, [1, 2, 3]);
    apply_repayment(&mut b, &q.lines, today, &policy);
    assert!(b.is_settled());
}

#[test]
fn amounts_that_cannot_be_applied_are_refused() {
    let (b, policy, today) = (bill(), Policy::default(), date!(2026 - 10 - 11));
    let refused = |amount: Option<Money>| quote(&b, QuoteScope::Amount, amount, today, &policy).unwrap_err();
    assert_eq!(refused(Some(cny("0.00"))), QuoteError::AmountNotPositive);
    assert_eq!(refused(Some(cny("-1.00"))), QuoteError::AmountNotPositive);
    assert_eq!(refused(None), QuoteError::AmountNotPositive);
    assert_eq!(refused(Some(Money::parse("100", Currency::JPY).unwrap())), QuoteError::AmountNotPositive);
    // 1212.00 settles it: one fen more is refused, and says how much settles.
    assert_eq!(refused(Some(cny("1212.01"))), QuoteError::MoreThanSettles { settle: cny("1212.00") });
    assert!(QuoteError::MoreThanSettles { settle: cny("1212.00") }.to_string().contains("1212.00"));
}

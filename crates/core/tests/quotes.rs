//! Named cases for bills and early-repayment quotes.

use paylater_core::api::PlanKind;
use paylater_core::api::{BillStatus, InstallmentStatus, QuoteScope};
use paylater_core::time::macros::date;
use paylater_core::{BillRecord, QuoteError, apply_repayment, bill_view, late_interest, quote};
use paylater_core::{Currency, Money};
use paylater_core::{Policy, schedule};

fn cny(text: &str) -> Money {
    Money::parse(text, Currency::CNY).unwrap()
}

fn bill(plan: PlanKind, amount: &str, ordered: paylater_core::time::Date) -> BillRecord {
    let s = schedule(plan, cny(amount), ordered, &Policy::default()).unwrap();
    BillRecord::from_schedule("B1".into(), "M1".into(), "Shop".into(), "O1".into(), ordered, &s)
}

#[test]
fn settling_early_waives_fees_not_yet_due() {
    // 1299.00 over 6 installments from 2026-11-22, fee 58.46; settled on 2026-11-23: nothing due yet.
    let b = bill(PlanKind::Installments6, "1299.00", date!(2026 - 11 - 22));
    let q = quote(&b, QuoteScope::Settle, None, date!(2026 - 11 - 23), &Policy::default()).unwrap();
    assert_eq!(q.breakdown.principal, cny("1299.00"));
    assert_eq!(q.breakdown.fees, cny("0.00"));
    assert_eq!(q.breakdown.fees_waived, cny("58.46"));
    assert_eq!(q.breakdown.late_interest, cny("0.00"));
    assert_eq!(q.breakdown.total, cny("1299.00"));
    assert_eq!(q.breakdown.installments, [1, 2, 3, 4, 5, 6]);
}

#[test]
fn next_installment_pays_its_fee() {
    let b = bill(PlanKind::Installments6, "1299.00", date!(2026 - 11 - 22));
    let q = quote(&b, QuoteScope::NextInstallment, None, date!(2026 - 11 - 23), &Policy::default()).unwrap();
    assert_eq!(q.breakdown.total, cny("226.25"));
    assert_eq!(q.breakdown.fees, cny("9.75"));
    assert_eq!(q.breakdown.installments, [1]);
}

#[test]
fn overdue_installment_accrues_late_interest_and_its_fee_is_due() {
    // 3 × 400.00 from 2026-09-01, fee 30.00 (10.00 each). First due 2026-10-01; on 2026-10-11 it is 10 days late.
    let b = bill(PlanKind::Installments3, "1200.00", date!(2026 - 09 - 01));
    let today = date!(2026 - 10 - 11);
    let policy = Policy::default();
    // 400.00 × 0.0005 × 10 = 2.00
    assert_eq!(late_interest(cny("400.00"), date!(2026 - 10 - 01), today, &policy).unwrap(), cny("2.00"));
    let q = quote(&b, QuoteScope::Settle, None, today, &policy).unwrap();
    assert_eq!(q.breakdown.principal, cny("1200.00"));
    assert_eq!(q.breakdown.fees, cny("10.00"));
    assert_eq!(q.breakdown.fees_waived, cny("20.00"));
    assert_eq!(q.breakdown.late_interest, cny("2.00"));
    assert_eq!(q.breakdown.total, cny("1212.00"));
    let view = bill_view(&b, today, &policy).unwrap();
    assert_eq!(view.status, BillStatus::Overdue);
    assert_eq!(view.overdue_days, 10);
    assert_eq!(view.late_interest, cny("2.00"));
    assert_eq!(view.installments[0].status, InstallmentStatus::Overdue);
    assert_eq!(view.installments[1].status, InstallmentStatus::Due);
    assert_eq!(view.installments[2].status, InstallmentStatus::Upcoming);
    assert_eq!(view.amount_left, cny("1232.00"));
}

#[test]
fn late_interest_rounds_half_away_from_zero() {
    // 333.33 × 0.0005 × 3 = 0.499995 → 0.50; 10.00 × 0.0005 × 1 = 0.005 → 0.01 (banker's: 0.00).
    let policy = Policy::default();
    assert_eq!(
        late_interest(cny("333.33"), date!(2026 - 01 - 01), date!(2026 - 01 - 04), &policy).unwrap(),
        cny("0.50")
    );
    assert_eq!(
        late_interest(cny("10.00"), date!(2026 - 01 - 01), date!(2026 - 01 - 02), &policy).unwrap(),
        cny("0.01")
    );
    assert_eq!(
        late_interest(cny("10.00"), date!(2026 - 01 - 02), date!(2026 - 01 - 02), &policy).unwrap(),
        cny("0.00")
    );
}

#[test]
fn a_partly_paid_bill_settles_for_the_rest() {
    let policy = Policy::default();
    let mut b = bill(PlanKind::Installments3, "1200.00", date!(2026 - 09 - 01));
    let first = quote(&b, QuoteScope::NextInstallment, None, date!(2026 - 09 - 30), &policy).unwrap();
    assert_eq!(first.breakdown.total, cny("410.00"));
    apply_repayment(&mut b, &first.lines, date!(2026 - 09 - 30), &policy);
    let view = bill_view(&b, date!(2026 - 09 - 30), &policy).unwrap();
    assert_eq!(view.installments[0].status, InstallmentStatus::Paid);
    assert_eq!(view.installments[0].paid_on, Some(date!(2026 - 09 - 30)));
    assert_eq!(view.next_due.as_ref().unwrap().installment_number, 2);
    assert_eq!(view.status, BillStatus::OnSchedule);
    // On 2026-11-01 (installment 2 due), settle: its fee is due, the third's is waived.
    let rest = quote(&b, QuoteScope::Settle, None, date!(2026 - 11 - 01), &policy).unwrap();
    assert_eq!(rest.breakdown.principal, cny("800.00"));
    assert_eq!(rest.breakdown.fees, cny("10.00"));
    assert_eq!(rest.breakdown.fees_waived, cny("10.00"));
    assert_eq!(rest.breakdown.total, cny("810.00"));
    apply_repayment(&mut b, &rest.lines, date!(2026 - 11 - 01), &policy);
    let settled = bill_view(&b, date!(2026 - 11 - 01), &policy).unwrap();
    assert_eq!(settled.status, BillStatus::Settled);
    assert_eq!(settled.settled_on, Some(date!(2026 - 11 - 01)));
    assert_eq!(settled.installments[2].fee_waived, cny("10.00"));
    assert_eq!(settled.installments[2].amount, cny("400.00"));
    assert_eq!(quote(&b, QuoteScope::Settle, None, date!(2026 - 11 - 02), &policy), Err(QuoteError::NothingToRepay));
}

#[test]
fn due_soon_is_within_three_days() {
    let policy = Policy::default();
    let b = bill(PlanKind::Installments3, "300.00", date!(2026 - 10 - 25));
    // First due 2026-11-25.
    assert_eq!(bill_view(&b, date!(2026 - 11 - 21), &policy).unwrap().status, BillStatus::OnSchedule);
    assert_eq!(bill_view(&b, date!(2026 - 11 - 22), &policy).unwrap().status, BillStatus::DueSoon);
    assert_eq!(bill_view(&b, date!(2026 - 11 - 25), &policy).unwrap().status, BillStatus::DueSoon);
    assert_eq!(bill_view(&b, date!(2026 - 11 - 26), &policy).unwrap().status, BillStatus::Overdue);
}

//! Autopay through the same router the mock and the sandbox server use: charged on each due date,
//! once, whatever the clock jumps over; a method short of funds is a failed charge, listed on the
//! bill until the installment is repaid; off means no charge; on after a due date does not reach
//! back.

mod common;

use common::*;
use paylater_core::api::*;
use paylater_core::time::{Duration, OffsetDateTime};
use proptest::prelude::*;

const BILL: &str = "/v1/bills/bill_on_schedule";

fn turn_on(
    sb: &mut paylater_core::sandbox::Sandbox,
    token: &str,
    bill: &str,
    method: &str,
    at: OffsetDateTime,
) -> Bill {
    let body = AutopayRequest { payment_method_id: method.into() };
    ok(call(
        sb,
        Call { body: serde_json::to_string(&body).unwrap(), ..Call::new("PUT", &format!("{bill}/autopay"), token) },
        at,
    ))
}

fn bill_at(sb: &mut paylater_core::sandbox::Sandbox, token: &str, bill: &str, at: OffsetDateTime) -> Bill {
    ok(get_at(sb, token, bill, at))
}

fn autopay_records(sb: &mut paylater_core::sandbox::Sandbox, token: &str, at: OffsetDateTime) -> Vec<Repayment> {
    let list: RepaymentList = ok(get_at(sb, token, "/v1/repayments?bill_id=bill_on_schedule&limit=200", at));
    list.repayments.into_iter().filter(|r| r.autopay).collect()
}

#[test]
fn each_installment_due_is_charged_once_on_its_due_date_however_far_the_clock_jumps() {
    let mut sb = sandbox();
    let on = turn_on(&mut sb, "demo-good", BILL, "pm_card_1234", NOW);
    assert_eq!(on.autopay.as_ref().map(|a| a.last4.as_deref()), Some(Some("1234")));
    let dues: Vec<_> = on.installments.iter().map(|i| (i.number, i.due_date, i.amount)).collect();
    // Three due dates pass in one jump: three charges, each at its due date, for its amount.
    let jump = NOW + Duration::days(95);
    let after = bill_at(&mut sb, "demo-good", BILL, jump);
    let charged = autopay_records(&mut sb, "demo-good", jump);
    let passed: Vec<_> =
        dues.iter().filter(|(_, due, _)| *due <= paylater_core::sandbox::provider_date(jump)).collect();
    assert_eq!(charged.len(), passed.len());
    assert!(passed.len() >= 3);
    for ((number, due, amount), r) in passed.iter().zip(charged.iter().rev()) {
        assert_eq!(r.breakdown.installments, [*number]);
        assert_eq!(r.amount, *amount);
        assert_eq!(r.paid_at.date(), *due);
        assert!(r.receipt_number.starts_with(&format!("RC{}", due.to_string().replace('-', ""))));
        assert_eq!(after.installments[*number as usize - 1].status, InstallmentStatus::Paid);
    }
    assert!(after.installments.iter().all(|i| !i.autopay_failed));
    // Asked again, later, and again: nothing more for those installments.
    for extra in [0, 1, 2] {
        let _ = bill_at(&mut sb, "demo-good", BILL, jump + Duration::hours(extra));
    }
    assert_eq!(autopay_records(&mut sb, "demo-good", jump + Duration::hours(3)).len(), passed.len());
}

#[test]
fn a_method_short_of_funds_is_a_failed_charge_listed_on_the_bill_and_not_tried_again() {
    let mut sb = sandbox();
    // demo-no-funds: the card can pay 500.00, an installment is 836.00.
    let on = turn_on(&mut sb, "demo-no-funds", "/v1/bills/bill_no_funds", "pm_card_1234", NOW);
    let first = on.installments[0].clone();
    let due_day = first
        .due_date
        .with_time(paylater_core::time::Time::from_hms(12, 0, 0).unwrap())
        .assume_offset(paylater_core::sandbox::PROVIDER_OFFSET);
    let failed = bill_at(&mut sb, "demo-no-funds", "/v1/bills/bill_no_funds", due_day);
    let flagged: Vec<u32> = failed.installments.iter().filter(|i| i.autopay_failed).map(|i| i.number).collect();
    assert_eq!(flagged, [1]);
    assert_eq!(failed.installments[0].amount, first.amount);
    assert_eq!(failed.installments[0].status, InstallmentStatus::Due);
    let methods: PaymentMethodList = ok(get_at(&mut sb, "demo-no-funds", "/v1/payment-methods", due_day));
    assert_eq!(methods.payment_methods[0].available.amount_string(), "500.00", "nothing moved");
    // Days later it is overdue, with late interest, and still listed; not charged again.
    let later = due_day + Duration::days(3);
    let overdue = bill_at(&mut sb, "demo-no-funds", "/v1/bills/bill_no_funds", later);
    assert_eq!(overdue.installments[0].status, InstallmentStatus::Overdue);
    assert!(overdue.installments[0].autopay_failed);
    let list: RepaymentList = ok(get_at(&mut sb, "demo-no-funds", "/v1/repayments", later));
    assert!(list.repayments.is_empty());
}

#[test]
fn off_means_no_charge_and_on_after_a_due_date_does_not_reach_back() {
    let mut sb = sandbox();
    let on = turn_on(&mut sb, "demo-good", BILL, "pm_card_1234", NOW);
    let off: Bill = ok(call(&mut sb, Call::new("DELETE", &format!("{BILL}/autopay"), "demo-good"), NOW));
    assert!(off.autopay.is_none());
    let first_due = on.installments[0].due_date;
    let past = first_due
        .with_time(paylater_core::time::Time::from_hms(12, 0, 0).unwrap())
        .assume_offset(paylater_core::sandbox::PROVIDER_OFFSET)
        + Duration::days(2);
    let unpaid = bill_at(&mut sb, "demo-good", BILL, past);
    assert_eq!(unpaid.installments[0].status, InstallmentStatus::Overdue);
    // On again now: the overdue first installment is left to the shopper; the second is charged.
    turn_on(&mut sb, "demo-good", BILL, "pm_card_1234", past);
    let second_due = on.installments[1].due_date;
    let after = second_due
        .with_time(paylater_core::time::Time::from_hms(12, 0, 0).unwrap())
        .assume_offset(paylater_core::sandbox::PROVIDER_OFFSET);
    let bill = bill_at(&mut sb, "demo-good", BILL, after);
    assert_eq!(bill.installments[0].status, InstallmentStatus::Overdue);
    assert_eq!(bill.installments[1].status, InstallmentStatus::Paid);
    assert_eq!(autopay_records(&mut sb, "demo-good", after).len(), 1);
}

#[test]
fn turning_autopay_on_is_refused_for_what_it_cannot_do() {
    let mut sb = sandbox();
    fn put<'a>(bill: &'a str, body: &str) -> Call<'a> {
        Call { body: body.to_owned(), ..Call::new("PUT", bill, "demo-good") }
    }
    let card = r#"{"payment_method_id":"pm_card_1234"}"#;
    for (bill, body, code) in [
        ("/v1/bills/bill_settled/autopay", card, ErrorCode::NothingToRepay),
        ("/v1/bills/bill_on_schedule/autopay", r#"{"payment_method_id":"pm_nope"}"#, ErrorCode::NotFound),
        ("/v1/bills/bill_nope/autopay", card, ErrorCode::NotFound),
        ("/v1/bills/bill_on_schedule/autopay", r#"{"method":"pm_card_1234"}"#, ErrorCode::InvalidRequest),
    ] {
        problem(call(&mut sb, put(bill, body), NOW), code);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Whatever the clock does (small steps, big jumps, the same moment again), each installment
    /// is charged by autopay at most once, and every charge is at its due date.
    #[test]
    fn never_twice_for_one_installment(steps in prop::collection::vec(0i64..50, 1..12)) {
        let mut sb = sandbox();
        turn_on(&mut sb, "demo-good", BILL, "pm_card_1234", NOW);
        let mut at = NOW;
        for days in steps {
            at += Duration::days(days);
            let _ = bill_at(&mut sb, "demo-good", BILL, at);
        }
        let charged = autopay_records(&mut sb, "demo-good", at);
        let mut numbers: Vec<u32> = charged.iter().flat_map(|r| r.breakdown.installments.clone()).collect();
        let count = numbers.len();
        numbers.sort_unstable();
        numbers.dedup();
        prop_assert_eq!(numbers.len(), count);
        let bill = bill_at(&mut sb, "demo-good", BILL, at);
        for r in &charged {
            let n = r.breakdown.installments[0];
            prop_assert_eq!(r.paid_at.date(), bill.installments[n as usize - 1].due_date);
        }
    }
}

/// A charge on the bill of an order placed through the API tells the merchant, as any repayment
/// does: `repayment.made` with the charge, once.
#[test]
fn a_charge_tells_the_merchant_with_a_webhook_event() {
    let mut sb = sandbox();
    let order = captured(&mut sb, "demo-good", "600.00", "ORDER-AUTOPAY", PlanKind::Installments3);
    let bill_id = order.bill_id.clone().expect("a captured order has a bill");
    let bill = turn_on(&mut sb, "demo-good", &format!("/v1/bills/{bill_id}"), "pm_card_1234", NOW);
    let due = bill.installments[0].due_date;
    let after =
        due.with_time(paylater_core::time::Time::MIDNIGHT).assume_offset(paylater_core::sandbox::PROVIDER_OFFSET)
            + Duration::hours(12);
    let _ = bill_at(&mut sb, "demo-good", &format!("/v1/bills/{bill_id}"), after);
    let key = paylater_core::sandbox::seed::DEMO_SECRET_KEY;
    let events: EventList = ok(get_at(&mut sb, key, "/v1/merchant/events?limit=200", after));
    let made: Vec<_> = events
        .events
        .iter()
        .filter(|e| e.event_type == EventType::RepaymentMade && e.order.order_id == "ORDER-AUTOPAY")
        .collect();
    assert_eq!(made.len(), 1);
    let repayment = made[0].repayment.as_ref().expect("the charge");
    assert_eq!(repayment.installments, [1]);
    assert_eq!(repayment.amount, bill.installments[0].amount);
}

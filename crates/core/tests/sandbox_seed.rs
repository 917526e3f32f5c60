//! The sandbox's demo data: every demo shopper reachable by its token and what each is for, the
//! same data for a given day, private session copies, and the shopper with a thousand bills.

mod common;

use common::*;
use paylater_core::Policy;
use paylater_core::api::*;
use paylater_core::sandbox::Sandbox;
use paylater_core::sandbox::seed::{DEMO_MERCHANT_ID, DEMO_SHOPPERS, DEMO_TOKENS};
use paylater_core::time::Duration;
use serde::de::DeserializeOwned;

#[test]
fn every_demo_token_is_a_shopper_and_unknown_tokens_are_unauthorized() {
    let mut sb = sandbox();
    // The list `--help` prints is every shopper the seed makes, and each answers.
    for token in DEMO_TOKENS {
        assert!(DEMO_SHOPPERS.iter().any(|(t, _)| *t == token), "{token} is seeded but not in DEMO_SHOPPERS");
    }
    for (token, _) in DEMO_SHOPPERS {
        let p: Profile = ok(get(&mut sb, token, "/v1/me"));
        assert!(p.masked_name.starts_with('*'), "{}", p.masked_name);
        assert!((350..=950).contains(&p.credit_score));
    }
    problem(get(&mut sb, "nobody", "/v1/me"), ErrorCode::Unauthorized);
    problem(call(&mut sb, Call { credential: None, ..Call::new("GET", "/v1/me", "") }, NOW), ErrorCode::Unauthorized);
    problem(get(&mut sb, "demo-good", "/v1/nothing"), ErrorCode::NotFound);
    problem(get(&mut sb, "demo-good", "/v2/me"), ErrorCode::NotFound);
}

#[test]
fn demo_data_is_deterministic_for_a_given_day() {
    assert_eq!(Sandbox::demo(NOW, Policy::default()), Sandbox::demo(NOW + Duration::hours(3), Policy::default()));
}

#[test]
fn the_good_shopper_has_bills_in_every_state_most_urgent_first() {
    let mut sb = sandbox();
    let all: BillList = ok(get(&mut sb, "demo-good", "/v1/bills?status=all"));
    let statuses: Vec<BillStatus> = all.bills.iter().map(|b| b.status).collect();
    assert_eq!(
        statuses,
        [BillStatus::Overdue, BillStatus::DueSoon, BillStatus::OnSchedule, BillStatus::OnSchedule, BillStatus::Settled]
    );
    let overdue = &all.bills[0];
    assert!((5..=8).contains(&overdue.overdue_days), "{}", overdue.overdue_days);
    assert!(!overdue.late_interest.is_zero());
    let open: BillList = ok(get(&mut sb, "demo-good", "/v1/bills"));
    assert_eq!(open.bills.len(), 4);
    let settled: BillList = ok(get(&mut sb, "demo-good", "/v1/bills?status=settled"));
    assert_eq!(settled.bills.len(), 1);
    assert!(settled.bills[0].next_due.is_none());
    problem(get(&mut sb, "demo-good", "/v1/bills?status=late"), ErrorCode::InvalidRequest);
    let one: Bill = ok(get(&mut sb, "demo-good", "/v1/bills/bill_overdue"));
    assert_eq!(one, all.bills[0]);
    problem(get(&mut sb, "demo-good", "/v1/bills/bill_nope"), ErrorCode::NotFound);
    // Another shopper's bill is not found, not shown.
    problem(get(&mut sb, "demo-new", "/v1/bills/bill_overdue"), ErrorCode::NotFound);
    let records: RepaymentList = ok(get(&mut sb, "demo-good", "/v1/repayments"));
    assert_eq!(records.repayments.len(), 4);
    assert!(records.repayments.windows(2).all(|w| w[0].paid_at >= w[1].paid_at), "newest first");
    let of_settled: RepaymentList = ok(get(&mut sb, "demo-good", "/v1/repayments?bill_id=bill_settled"));
    assert_eq!(of_settled.repayments.len(), 2);
}

#[test]
fn eligibility_reasons_per_demo_shopper() {
    let mut sb = sandbox();
    let req = EligibilityRequest {
        merchant_id: DEMO_MERCHANT_ID.into(),
        order_id: "ORDER-1001".into(),
        amount: cny("1299.00"),
    };
    let good: Eligibility = ok(post(&mut sb, "demo-good", "/v1/eligibility", None, &req, NOW));
    assert!(good.eligible && good.reasons.is_empty() && !good.activation_required);
    assert_eq!(good.plans.len(), 4);
    let new: Eligibility = ok(post(&mut sb, "demo-new", "/v1/eligibility", None, &req, NOW));
    assert!(new.eligible && new.activation_required);
    let low_score: Eligibility = ok(post(&mut sb, "demo-low-score", "/v1/eligibility", None, &req, NOW));
    assert_eq!((low_score.eligible, low_score.reasons.as_slice()), (false, &[IneligibleReason::ScoreTooLow][..]));
    assert!(low_score.plans.is_empty());
    let low_limit: Eligibility = ok(post(&mut sb, "demo-low-limit", "/v1/eligibility", None, &req, NOW));
    assert_eq!(low_limit.reasons, [IneligibleReason::LimitTooLow]);
    assert_eq!(low_limit.available_limit, cny("300.00"));
    let bad = EligibilityRequest { amount: cny("0"), ..req.clone() };
    problem(post(&mut sb, "demo-good", "/v1/eligibility", None, &bad, NOW), ErrorCode::InvalidRequest);
    let garbled = call(
        &mut sb,
        Call { body: r#"{"amount":1299.0}"#.into(), ..Call::new("POST", "/v1/eligibility", "demo-good") },
        NOW,
    );
    problem(garbled, ErrorCode::InvalidRequest);
    let extra = r#"{"merchant_id":"M","order_id":"O","amount":{"amount":"1.00","currency":"CNY"},"coupon":"x"}"#;
    problem(
        call(&mut sb, Call { body: extra.into(), ..Call::new("POST", "/v1/eligibility", "demo-good") }, NOW),
        ErrorCode::InvalidRequest,
    );
}

#[test]
fn a_session_copy_is_private_and_starts_from_the_seed() {
    let mut sb = sandbox();
    let q = quote(&mut sb, "demo-good+a", "bill_on_schedule", QuoteScope::Settle, NOW);
    let r: RepaymentResult = ok(repay(&mut sb, "demo-good+a", "k1", &q.id, "pm_card_1234", NOW));
    assert_eq!(r.repayment.quote_id, q.id, "the record names the quote it paid");
    let settled: Bill = ok(get(&mut sb, "demo-good+a", "/v1/bills/bill_on_schedule"));
    assert_eq!(settled.status, BillStatus::Settled);
    // demo-good and another copy are untouched.
    for token in ["demo-good", "demo-good+b"] {
        let bill: Bill = ok(get(&mut sb, token, "/v1/bills/bill_on_schedule"));
        assert_ne!(bill.status, BillStatus::Settled, "{token}");
    }
    // A quote of one copy cannot be paid by another.
    problem(repay(&mut sb, "demo-good+b", "k2", &q.id, "pm_card_1234", NOW), ErrorCode::NotFound);
    // Only demo shoppers are copied, and the suffix must be sensible.
    for token in ["nobody+a", "demo-good+", "demo-good+a b"] {
        problem(get(&mut sb, token, "/v1/me"), ErrorCode::Unauthorized);
    }
}

#[test]
fn the_scale_shopper_has_a_thousand_bills_and_five_thousand_records_in_pages() {
    let mut sb = sandbox();
    // Every page in turn: each at most `limit`, nothing twice, nothing left out, in the API's order.
    fn all_pages<T: DeserializeOwned>(
        sb: &mut Sandbox,
        path: &str,
        limit: u32,
        items: impl Fn(&T) -> Vec<String>,
        next: impl Fn(&T) -> Option<String>,
    ) -> Vec<String> {
        let sep = if path.contains('?') { '&' } else { '?' };
        let mut seen = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let url = match &cursor {
                None => format!("{path}{sep}limit={limit}"),
                Some(c) => format!("{path}{sep}limit={limit}&cursor={c}"),
            };
            let page: T = ok(get(sb, "demo-scale", &url));
            let ids = items(&page);
            assert!(ids.len() <= limit as usize);
            seen.extend(ids);
            match next(&page) {
                Some(c) => cursor = Some(c),
                None => break,
            }
        }
        seen
    }
    let bill_ids = |l: &BillList| l.bills.iter().map(|b| b.id.to_string()).collect::<Vec<_>>();
    let all = all_pages(&mut sb, "/v1/bills?status=all", 200, bill_ids, |l: &BillList| l.next_cursor.clone());
    assert_eq!(all.len(), 1_000);
    assert_eq!(all.iter().collect::<std::collections::BTreeSet<_>>().len(), 1_000, "no bill twice");
    let in_sevens = all_pages(&mut sb, "/v1/bills?status=all", 7, bill_ids, |l: &BillList| l.next_cursor.clone());
    assert_eq!(in_sevens, all, "the same bills in the same order, whatever the page size");
    let settled = all_pages(&mut sb, "/v1/bills?status=settled", 200, bill_ids, |l: &BillList| l.next_cursor.clone());
    assert_eq!(settled.len(), 250);
    let record_ids = |l: &RepaymentList| l.repayments.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    let records = all_pages(&mut sb, "/v1/repayments", 200, record_ids, |l: &RepaymentList| l.next_cursor.clone());
    assert_eq!(records.len(), 5_000);
    // Without a limit, a page of 50; newest first.
    let first: RepaymentList = ok(get(&mut sb, "demo-scale", "/v1/repayments"));
    assert_eq!(first.repayments.len(), 50);
    assert!(first.repayments.windows(2).all(|w| w[0].paid_at >= w[1].paid_at), "newest first");
    // Bad pages say what to send.
    for bad in [
        "/v1/bills?limit=0",
        "/v1/bills?limit=201",
        "/v1/bills?limit=ten",
        "/v1/bills?cursor=x",
        "/v1/bills?cursor=",
        "/v1/repayments?cursor=-1",
    ] {
        problem(get(&mut sb, "demo-scale", bad), ErrorCode::InvalidRequest);
    }
    // A cursor past the end (the list shrank since) is an empty last page.
    let past: RepaymentList = ok(get(&mut sb, "demo-scale", "/v1/repayments?cursor=99999"));
    assert!(past.repayments.is_empty() && past.next_cursor.is_none());
    let me: Profile = ok(get(&mut sb, "demo-scale", "/v1/me"));
    assert!(!me.credit_limit.available.is_negative());
}

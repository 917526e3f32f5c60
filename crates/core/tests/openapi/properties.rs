//! Property tests: any schedule, bill and quote the core computes, and any bill after refunds,
//! validates against the contract and comes back through serde unchanged.

use std::fmt::Debug;

use paylater_core::api::Schedule;
use paylater_core::api::{BillStatus, PlanKind, QuoteScope};
use paylater_core::apply_refund;
use paylater_core::{BillRecord, QuoteError, apply_repayment, bill_view, quote};
use paylater_core::{Currency, Money};
use paylater_core::{Policy, schedule};
use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use time::macros::date;
use time::{Date, Duration};

use crate::errors;

fn assert_valid_json<T: Serialize + DeserializeOwned + PartialEq + Debug>(
    schema: &str,
    value: &T,
) -> Result<(), TestCaseError> {
    let json = serde_json::to_value(value).expect("serializes");
    let errs = errors(schema, &json);
    prop_assert!(errs.is_empty(), "{schema}: {}\n{json}", errs.join("\n"));
    let back: T = serde_json::from_value(json).expect("deserializes");
    prop_assert_eq!(&back, value);
    Ok(())
}

/// A bill of the schedule `s`, its first `repaid` installments repaid on their due dates up to
/// `today`.
fn repaid_on_due_dates(s: &Schedule, ordered: Date, repaid: usize, today: Date) -> BillRecord {
    let policy = Policy::default();
    let mut record = BillRecord::from_schedule("b".into(), "m".into(), "Shop".into(), "o".into(), ordered, s);
    for day in s.installments.iter().take(repaid).map(|i| i.due_date).take_while(|day| *day <= today) {
        let q = quote(&record, QuoteScope::NextInstallment, None, day, &policy).expect("a quote");
        apply_repayment(&mut record, &q.lines, day, &policy);
    }
    record
}

/// Any currency and any plan.
fn currency_and_plan() -> impl Strategy<Value = (Currency, PlanKind)> {
    (prop::sample::select(Currency::ALL.to_vec()), prop::sample::select(PlanKind::ALL.to_vec()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_schedule_bill_and_quote_validates(
        units in 1i64..1_000_000_000,
        (currency, plan) in currency_and_plan(),
        order_day in 0i64..20_000,
        repaid in 0usize..14,
        view_after in 0i64..500,
    ) {
        let policy = Policy::default();
        let ordered = date!(2000 - 01 - 01) + Duration::days(order_day);
        let today = ordered + Duration::days(view_after);
        let s = schedule(plan, Money::from_minor(units, currency), ordered, &policy).expect("a schedule");
        assert_valid_json("Schedule", &s)?;
        // Repay the first `repaid` installments on their due dates (up to today), or settle today.
        let mut record = repaid_on_due_dates(&s, ordered, repaid, today);
        if repaid > s.installments.len() && !record.is_settled() {
            let q = quote(&record, QuoteScope::Settle, None, today, &policy).expect("a quote");
            apply_repayment(&mut record, &q.lines, today, &policy);
        }
        let bill = bill_view(&record, today, &policy).expect("a view");
        assert_valid_json("Bill", &bill)?;
        for scope in [QuoteScope::NextInstallment, QuoteScope::Settle] {
            match quote(&record, scope, None, today, &policy) {
                Ok(priced) => assert_valid_json("QuoteBreakdown", &priced.breakdown.clone())?,
                Err(QuoteError::NothingToRepay) => prop_assert_eq!(bill.status, BillStatus::Settled),
                Err(e) => prop_assert!(false, "quote failed: {}", e),
            }
        }
    }

    #[test]
    fn any_refund_leaves_a_bill_in_the_contract(
        units in 100i64..100_000_000,
        (currency, plan) in currency_and_plan(),
        repaid in 0usize..13,
        percents in prop::collection::vec(1i64..=100, 1..4),
        view_after in 0i64..400,
    ) {
        let policy = Policy::default();
        let ordered = date!(2026 - 01 - 31);
        let today = ordered + Duration::days(view_after);
        let s = schedule(plan, Money::from_minor(units, currency), ordered, &policy).expect("a schedule");
        let mut record = repaid_on_due_dates(&s, ordered, repaid, today);
        // Refund a share of what can still be refunded, each time.
        for percent in percents {
            let left = paylater_core::refundable(&record).expect("refundable").minor_units().expect("fits");
            if left == 0 {
                break;
            }
            let amount = Money::from_minor((left * percent / 100).max(1), currency);
            apply_refund(&mut record, amount, today).expect("a refund within what is left applies");
        }
        let bill = bill_view(&record, today, &policy).expect("a view");
        assert_valid_json("Bill", &bill)?;
        for installment in &bill.installments {
            assert_valid_json("BillInstallment", installment)?;
        }
        match quote(&record, QuoteScope::Settle, None, today, &policy) {
            Ok(priced) => assert_valid_json("QuoteBreakdown", &priced.breakdown.clone())?,
            Err(QuoteError::NothingToRepay) => {
                prop_assert!(matches!(bill.status, BillStatus::Settled | BillStatus::Refunded), "{:?}", bill.status)
            }
            Err(e) => prop_assert!(false, "quote failed: {}", e),
        }
    }
}

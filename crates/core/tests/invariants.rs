//! Property tests for the money invariants: splits sum exactly, nothing is negative, schedules add
//! up, settlement quotes equal what is left, quotes never go negative.

use paylater_core::api::PlanKind;
use paylater_core::api::QuoteScope;
use paylater_core::time::{Date, Duration};
use paylater_core::{BillRecord, QuoteError, apply_repayment, bill_view, quote};
use paylater_core::{Currency, Money, allocate};
use paylater_core::{Policy, schedule};
use proptest::prelude::*;

fn currency() -> impl Strategy<Value = Currency> {
    prop::sample::select(Currency::ALL.to_vec())
}

fn plan() -> impl Strategy<Value = PlanKind> {
    prop::sample::select(PlanKind::ALL.to_vec())
}

fn date() -> impl Strategy<Value = Date> {
    // 2000-01-01 .. about 2060, every day including month ends and Feb 29ths.
    (0i64..22_000).prop_map(|d| {
        Date::from_calendar_date(2000, paylater_core::time::Month::January, 1).unwrap() + Duration::days(d)
    })
}

proptest! {
    #[test]
    fn every_split_sums_exactly_and_parts_differ_by_at_most_one_unit(
        units in 0i64..10_000_000_000, parts in 1usize..40, currency in currency()
    ) {
        let total = Money::from_minor(units, currency);
        let split = allocate(total, parts).unwrap();
        prop_assert_eq!(split.len(), parts);
        prop_assert_eq!(Money::sum(currency, &split).unwrap(), total);
        let min = split.iter().map(|m| m.minor_units().unwrap()).min().unwrap();
        let max = split.iter().map(|m| m.minor_units().unwrap()).max().unwrap();
        prop_assert!(min >= 0);
        prop_assert!(max - min <= 1);
        // Leftover units sit on the first parts: the parts never increase.
        prop_assert!(split.windows(2).all(|w| w[0].amount() >= w[1].amount()));
    }

    #[test]
    fn schedules_add_up_and_nothing_is_negative(
        units in 1i64..100_000_000_000, plan in plan(), currency in currency(), order_date in date()
    ) {
        let principal = Money::from_minor(units, currency);
        let policy = Policy::default();
        let s = schedule(plan, principal, order_date, &policy).unwrap();
        prop_assert_eq!(s.installments.len() as u32, plan.installment_count());
        prop_assert_eq!(s.total, principal.checked_add(&s.fee).unwrap());
        let principal_sum = Money::sum(currency, s.installments.iter().map(|i| &i.principal)).unwrap();
        let fee_sum = Money::sum(currency, s.installments.iter().map(|i| &i.fee)).unwrap();
        let amount_sum = Money::sum(currency, s.installments.iter().map(|i| &i.amount)).unwrap();
        prop_assert_eq!(principal_sum, principal);
        prop_assert_eq!(fee_sum, s.fee);
        prop_assert_eq!(amount_sum, s.total);
        for i in &s.installments {
            prop_assert!(!i.principal.is_negative() && !i.fee.is_negative());
            prop_assert!(i.due_date > order_date);
        }
        prop_assert!(s.installments.windows(2).all(|w| w[0].due_date < w[1].due_date));
    }

    #[test]
    fn settling_after_paying_some_installments_costs_exactly_what_is_left(
        units in 1i64..10_000_000_000, plan in plan(), currency in currency(), order_date in date(),
        paid_next in 0usize..12, days_later in 0i64..500,
    ) {
        let policy = Policy::default();
        let s = schedule(plan, Money::from_minor(units, currency), order_date, &policy).unwrap();
        let mut bill = BillRecord::from_schedule("b".into(), "m".into(), "Shop".into(), "o".into(), order_date, &s);
        let today = order_date + Duration::days(days_later);
        // Repay the next installment a few times (never past the last one).
        for _ in 0..paid_next.min(s.installments.len() - 1) {
            let q = quote(&bill, QuoteScope::NextInstallment, None, today, &policy).unwrap();
            prop_assert_eq!(q.breakdown.installments.len(), 1);
            prop_assert!(q.breakdown.fees_waived.is_zero());
            apply_repayment(&mut bill, &q.lines, today, &policy);
        }
        let view = bill_view(&bill, today, &policy).unwrap();
        let settle = quote(&bill, QuoteScope::Settle, None, today, &policy).unwrap();
        let sb = &settle.breakdown;
        // The quote's parts add up and none is negative.
        prop_assert_eq!(sb.total, sb.principal.checked_add(&sb.fees).unwrap().checked_add(&sb.late_interest).unwrap());
        for part in [&sb.principal, &sb.fees, &sb.late_interest, &sb.fees_waived, &sb.total] {
            prop_assert!(!part.is_negative());
        }
        // It equals what is left on the bill, less the fees it waives.
        prop_assert_eq!(sb.total, view.amount_left.checked_sub(&sb.fees_waived).unwrap());
        // The principal it charges is exactly the principal not yet repaid.
        let unpaid_principal = Money::sum(currency, bill.installments.iter().filter(|i| i.payment.is_none()).map(|i| &i.principal)).unwrap();
        prop_assert_eq!(sb.principal, unpaid_principal);
        // Fees charged plus fees waived are the unpaid installments' fees.
        let unpaid_fees = Money::sum(currency, bill.installments.iter().filter(|i| i.payment.is_none()).map(|i| &i.fee)).unwrap();
        prop_assert_eq!(sb.fees.checked_add(&sb.fees_waived).unwrap(), unpaid_fees);
        // Settling leaves nothing, and a second settlement has nothing to quote.
        apply_repayment(&mut bill, &settle.lines, today, &policy);
        let after = bill_view(&bill, today, &policy).unwrap();
        prop_assert!(after.amount_left.is_zero());
        prop_assert!(after.next_due.is_none());
        // The repayment recorded what the quote charged: the installments it covered, as the bill
        // shows them now, add up to the quote's total, each with the late interest it priced.
        let covered: Vec<_> = after.installments.iter().filter(|i| sb.installments.contains(&i.number)).collect();
        prop_assert_eq!(Money::sum(currency, covered.iter().map(|i| &i.amount)).unwrap(), sb.total);
        for (shown, priced) in covered.iter().zip(&settle.lines) {
            prop_assert_eq!((shown.number, shown.late_interest, shown.fee_waived), (priced.installment, priced.late_interest, priced.fee_waived));
        }
        prop_assert_eq!(quote(&bill, QuoteScope::Settle, None, today, &policy), Err(QuoteError::NothingToRepay));
        prop_assert_eq!(quote(&bill, QuoteScope::NextInstallment, None, today, &policy), Err(QuoteError::NothingToRepay));
    }
}

mod sandbox_books {
    use paylater_core::Policy;
    use paylater_core::api::{QuoteScope, RepaymentRequest};
    use paylater_core::sandbox::Sandbox;
    use paylater_core::time::Duration;
    use paylater_core::time::macros::datetime;
    use paylater_core::{Currency, Money};
    use proptest::prelude::*;

    #[derive(Clone, Debug)]
    enum Step {
        Quote { bill: usize, settle: bool },
        Pay { quote: usize, key: usize, method: usize },
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            (0usize..5, any::<bool>()).prop_map(|(bill, settle)| Step::Quote { bill, settle }),
            (0usize..8, 0usize..4, 0usize..3).prop_map(|(quote, key, method)| Step::Pay { quote, key, method }),
        ]
    }

    proptest! {
        /// Random quotes and payments with reused keys: money debited from methods equals the sum
        /// of the records, no key is recorded twice, and replays never move money again.
        #[test]
        fn replays_never_pay_twice_and_the_books_balance(steps in prop::collection::vec(step(), 1..40)) {
            let now = datetime!(2026-11-23 10:00 +08:00);
            let mut sb = Sandbox::demo(now, Policy::default());
            let token = "demo-good";
            let bills = ["bill_overdue", "bill_due_soon", "bill_on_schedule", "bill_partly_paid", "bill_settled"];
            let methods = ["pm_card_1234", "pm_balance", "pm_fund"];
            let start = sb.shopper(token).unwrap().clone();
            let mut quotes = Vec::new();
            let mut paid_keys = std::collections::BTreeMap::new();
            for (i, s) in steps.iter().enumerate() {
                let at = now + Duration::seconds(i as i64);
                match *s {
                    Step::Quote { bill, settle } => {
                        let scope = if settle { QuoteScope::Settle } else { QuoteScope::NextInstallment };
                        if let Ok(q) = sb.create_quote(token, &bills[bill].into(), &paylater_core::api::QuoteRequest { scope, amount: None }, at) {
                            quotes.push(q.id);
                        }
                    }
                    Step::Pay { quote, key, method } => {
                        let Some(quote_id) = quotes.get(quote % quotes.len().max(1)).cloned() else { continue };
                        let key = format!("key-{key}");
                        let request = RepaymentRequest { quote_id, payment_method_id: methods[method].into() };
                        if let Ok(result) = sb.repay(token, &key.as_str().into(), &request, at) {
                            let first = paid_keys.entry(key).or_insert_with(|| result.repayment.id.clone());
                            prop_assert_eq!(first, &result.repayment.id, "a key answers with its first repayment");
                        }
                    }
                }
            }
            let end = sb.shopper(token).unwrap();
            let new_records = &end.repayments[start.repayments.len()..];
            let recorded = Money::sum(Currency::CNY, new_records.iter().map(|r| &r.amount)).unwrap();
            let before = Money::sum(Currency::CNY, start.payment_methods.iter().map(|m| &m.available)).unwrap();
            let after = Money::sum(Currency::CNY, end.payment_methods.iter().map(|m| &m.available)).unwrap();
            prop_assert_eq!(before.checked_sub(&after).unwrap(), recorded);
            prop_assert_eq!(new_records.len(), paid_keys.len(), "one record per key");
            for m in &end.payment_methods {
                prop_assert!(!m.available.is_negative());
            }
        }
    }
}

//! Property tests of the annualized rate (`paylater_core::apr`) over the schedules the core makes:
//! a schedule without fee is 0 %, a higher fee is a higher rate, and the payments discounted at
//! the rate found give back the principal within a cent.

use paylater_core::add_months;
use paylater_core::api::PlanKind;
use paylater_core::time::{Date, Month};
use paylater_core::{Currency, Money};
use paylater_core::{Policy, schedule};
use paylater_core::{annual_rate, monthly_rate};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn order_date() -> impl Strategy<Value = Date> {
    (2020i32..2040, 1u8..=12, 1u8..=31)
        .prop_filter_map("a real date", |(y, m, d)| Date::from_calendar_date(y, Month::try_from(m).ok()?, d).ok())
}

fn plan() -> impl Strategy<Value = PlanKind> {
    prop::sample::select(PlanKind::ALL.to_vec())
}

fn payments(s: &paylater_core::api::Schedule) -> Vec<(Date, Money)> {
    s.installments.iter().map(|i| (i.due_date, i.amount)).collect()
}

/// The payments discounted at monthly rate `i` (whole months; the 30-day plan as one period).
fn discounted(order: Date, s: &paylater_core::api::Schedule, i: Decimal) -> Decimal {
    s.installments
        .iter()
        .map(|inst| {
            let months = (1..=12u32).take_while(|m| add_months(order, *m).is_some_and(|d| d <= inst.due_date)).count();
            let odd = Decimal::from((inst.due_date - add_months(order, months as u32).unwrap()).whole_days())
                / Decimal::from(30);
            let mut discount = Decimal::ONE + odd * i;
            for _ in 0..months {
                discount *= Decimal::ONE + i;
            }
            inst.amount.amount() / discount
        })
        .sum()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn no_fee_is_zero(cents in 1i64..100_000_000, order in order_date(), plan in plan()) {
        let policy = Policy {
            fee_rate_installments_3: Decimal::ZERO,
            fee_rate_installments_6: Decimal::ZERO,
            fee_rate_installments_12: Decimal::ZERO,
            ..Policy::default()
        };
        let principal = Money::from_minor(cents, Currency::CNY);
        let s = schedule(plan, principal, order, &policy).unwrap();
        prop_assert_eq!(annual_rate(&principal, order, &payments(&s)), Ok(Decimal::ZERO));
        prop_assert_eq!(s.annual_rate, Decimal::ZERO);
    }

    #[test]
    fn a_higher_fee_is_a_higher_rate(
        cents in 10_000i64..100_000_000,
        order in order_date(),
        low in 1u32..200,
        more in 1u32..200,
    ) {
        let principal = Money::from_minor(cents, Currency::CNY);
        for plan in [PlanKind::Installments3, PlanKind::Installments6, PlanKind::Installments12] {
            let with = |per_mille: u32| Policy {
                fee_rate_installments_3: Decimal::new(i64::from(per_mille), 3),
                fee_rate_installments_6: Decimal::new(i64::from(per_mille), 3),
                fee_rate_installments_12: Decimal::new(i64::from(per_mille), 3),
                ..Policy::default()
            };
            let cheap = schedule(plan, principal, order, &with(low)).unwrap();
            let dear = schedule(plan, principal, order, &with(low + more)).unwrap();
            let (a, b) = (monthly_rate(&principal, order, &payments(&cheap)).unwrap(), monthly_rate(&principal, order, &payments(&dear)).unwrap());
            prop_assert!(a > Decimal::ZERO);
            if dear.fee.amount() > cheap.fee.amount() {
                prop_assert!(b > a, "{plan:?}: fee {} → {a}, fee {} → {b}", cheap.fee.amount(), dear.fee.amount());
            }
            prop_assert!(dear.annual_rate >= cheap.annual_rate);
        }
    }

    #[test]
    fn discounting_at_the_rate_gives_back_the_principal(cents in 100i64..100_000_000, order in order_date(), plan in plan()) {
        let principal = Money::from_minor(cents, Currency::CNY);
        let s = schedule(plan, principal, order, &Policy::default()).unwrap();
        let i = monthly_rate(&principal, order, &payments(&s)).unwrap();
        let back = discounted(order, &s, i);
        prop_assert!((back - principal.amount()).abs() < Decimal::new(1, 2), "{plan:?} {principal:?}: {back}");
        // The schedule carries the same figure, rounded.
        prop_assert_eq!(s.annual_rate, annual_rate(&principal, order, &payments(&s)).unwrap());
    }
}

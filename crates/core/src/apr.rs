//! The annualized rate of a schedule (年化利率 / APR), by the internal-rate-of-return method.
//!
//! **Convention.** The actuarial method of the US Truth in Lending rules (Regulation Z, 12 CFR
//! 1026, Appendix J) with a **monthly unit period**: the monthly rate `i` is the one at which the
//! payments, discounted to the order date, equal the principal the shopper received that day,
//!
//! ```text
//! principal = Σ amount_k / ((1 + f_k·i) · (1 + i)^t_k)
//! ```
//!
//! where payment `k` falls `t_k` whole months and `f_k` more days (as a fraction of a 30-day
//! month) after the order date, and the annual rate is `12 · i`. Monthly installments are whole
//! months apart, so `f_k = 0` for them; the 30-day plan is `t = 0, f = 1`. It is the same figure as
//! the "IRR 年化" that the People's Bank of China's announcement No. 3 of 2021 asks lenders to show
//! (all of the borrower's costs against the principal actually held, compounded by the IRR
//! method): a 4.5 % fee on six monthly installments is 15.27 % a year, not 4.5 % and not 9 %.
//!
//! **Rounding.** Half away from zero to 0.01 percentage point, i.e. to four decimals of the
//! fraction (`0.1527`). The rate is found by bisection on `Decimal` (never a float), bounded to
//! [`ITERATIONS`] steps, which pins `i` far below the rounding step, so the rounded figure is the
//! rounding of the exact rate. A pure function of the schedule: the widget, the API and the
//! sandbox always agree.

use rust_decimal::{Decimal, RoundingStrategy};
use time::Date;

use crate::dates::{add_months, days_between};
use crate::money::Money;

/// Bisection steps: the interval [0, 1] of monthly rates halves each time, so after 90 steps it is
/// under 10⁻²⁷ wide, beyond `Decimal`'s own precision.
pub const ITERATIONS: u32 = 90;

/// Why a schedule has no annual rate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AprError {
    /// No payments, a payment not after the order date, or amounts in another currency.
    NotASchedule,
    /// The payments come to less than the principal: no credit cost to annualize.
    PaysLessThanPrincipal,
    /// Above 1,200 % a year (a monthly rate over 100 %): not a plan anyone offers.
    OutOfRange,
}

impl core::fmt::Display for AprError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            AprError::NotASchedule => "not a schedule: payments must be after the order date, in its currency",
            AprError::PaysLessThanPrincipal => "the payments come to less than the principal",
            AprError::OutOfRange => "the rate is above 1,200 % a year",
        })
    }
}

impl std::error::Error for AprError {}

/// One payment as the IRR sees it: whole months, the odd days as a fraction of 30, the amount.
struct Flow {
    months: u32,
    odd: Decimal,
    amount: Decimal,
}

fn flows(principal: &Money, order_date: Date, payments: &[(Date, Money)]) -> Result<Vec<Flow>, AprError> {
    if payments.is_empty() {
        return Err(AprError::NotASchedule);
    }
    payments
        .iter()
        .map(|(due, amount)| {
            if amount.currency() != principal.currency() || *due <= order_date || amount.is_negative() {
                return Err(AprError::NotASchedule);
            }
            // The whole months: the last month-day on or before the due date (month ends clamped).
            let mut months = 0;
            while let Some(next) = add_months(order_date, months + 1)
                && next <= *due
            {
                months += 1;
            }
            let start = add_months(order_date, months).ok_or(AprError::NotASchedule)?;
            let odd = Decimal::from(days_between(start, *due)) / Decimal::from(30);
            Ok(Flow { months, odd, amount: amount.amount() })
        })
        .collect()
}

/// The payments discounted at monthly rate `i`, less the principal.
fn net_present_value(principal: Decimal, flows: &[Flow], i: Decimal) -> Decimal {
    let one_plus = Decimal::ONE + i;
    let mut value = -principal;
    for flow in flows {
        let mut discount = Decimal::ONE + flow.odd * i;
        for _ in 0..flow.months {
            discount *= one_plus;
        }
        value += flow.amount / discount;
    }
    value
}

/// The monthly IRR of the payments against the principal, unrounded (to `Decimal`'s precision).
pub fn monthly_rate(principal: &Money, order_date: Date, payments: &[(Date, Money)]) -> Result<Decimal, AprError> {
    let flows = flows(principal, order_date, payments)?;
    let principal = principal.amount();
    let zero = net_present_value(principal, &flows, Decimal::ZERO);
    if zero.is_zero() {
        return Ok(Decimal::ZERO);
    }
    if zero.is_sign_negative() {
        return Err(AprError::PaysLessThanPrincipal);
    }
    // The value falls as the rate rises: bisect between a rate that leaves it positive and one
    // that makes it negative.
    let (mut low, mut high) = (Decimal::ZERO, Decimal::ONE);
    if net_present_value(principal, &flows, high).is_sign_positive() {
        return Err(AprError::OutOfRange);
    }
    for _ in 0..ITERATIONS {
        let middle = (low + high) / Decimal::TWO;
        if middle == low || middle == high {
            break;
        }
        if net_present_value(principal, &flows, middle).is_sign_positive() {
            low = middle;
        } else {
            high = middle;
        }
    }
    Ok((low + high) / Decimal::TWO)
}

/// The annual rate as a fraction (`0.1527` for 15.27 %): 12 × the monthly IRR, rounded half away
/// from zero to four decimals.
pub fn annual_rate(principal: &Money, order_date: Date, payments: &[(Date, Money)]) -> Result<Decimal, AprError> {
    let monthly = monthly_rate(principal, order_date, payments)?;
    Ok((monthly * Decimal::from(12)).round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero))
}

/// A daily rate as its annual equivalent, simple (× 365), as late interest is charged: 0.05 % a
/// day is 18.25 % a year.
pub fn annual_from_daily(daily: Decimal) -> Decimal {
    daily * Decimal::from(365)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;
    use time::macros::date;

    fn cny(text: &str) -> Money {
        Money::parse(text, Currency::CNY).unwrap()
    }

    /// Worked examples, computed independently: Python's `decimal` module at 60 digits, Newton's
    /// method on the same equation (`P = Σ A / ((1 + f·i)(1 + i)^t)`), then `12 · i` rounded half
    /// up to 0.01 %. For instance, the six-month plan on ¥1,299.00:
    ///
    /// ```python
    /// from decimal import Decimal as D, getcontext; getcontext().prec = 60
    /// pays = [(1, D('226.25')), (2, D('226.25'))] + [(k, D('226.24')) for k in range(3, 7)]
    /// i = D('0.01')
    /// for _ in range(200):
    ///     f = sum(a / (1 + i) ** t for t, a in pays) - D('1299.00')
    ///     df = sum(-t * a / (1 + i) ** (t + 1) for t, a in pays)
    ///     i -= f / df
    /// 12 * i  # 0.152691547487828906778947473762073454055652597825381068060084 → 15.27 %
    /// ```
    #[test]
    fn worked_examples() {
        let order = date!(2026 - 11 - 24);
        let monthly = |amounts: &[&str]| -> Vec<(Date, Money)> {
            amounts.iter().zip(1u32..).map(|(a, m)| (add_months(order, m).unwrap(), cny(a))).collect()
        };
        type Case = (&'static str, Vec<(Date, Money)>, &'static str, &'static str);
        let cases: [Case; 7] = [
            // ¥1,299.00 in 6 (4.5 % fee, ¥58.46): ¥226.25 × 2, ¥226.24 × 4.
            (
                "1299.00",
                monthly(&["226.25", "226.25", "226.24", "226.24", "226.24", "226.24"]),
                "0.1527",
                "0.15269154748782890677894747",
            ),
            // ¥1,299.00 in 3 (2.5 %, ¥32.48): ¥443.83 × 2, ¥443.82.
            ("1299.00", monthly(&["443.83", "443.83", "443.82"]), "0.1494", "0.14940743741775291117935767"),
            // ¥1,299.00 in 12 (8.8 %, ¥114.31): ¥117.78 × 7, ¥117.77 × 5.
            (
                "1299.00",
                monthly(&[
                    "117.78", "117.78", "117.78", "117.78", "117.78", "117.78", "117.78", "117.77", "117.77", "117.77",
                    "117.77", "117.77",
                ]),
                "0.1586",
                "0.15864365100885595286058573",
            ),
            // ¥1,200 in 3 of ¥410.
            ("1200.00", monthly(&["410.00", "410.00", "410.00"]), "0.1494", "0.14938396539030827483334333"),
            // One payment of ¥1,010 a month after ¥1,000: 1 % a month, exactly 12 % a year.
            ("1000.00", monthly(&["1010.00"]), "0.1200", "0.12"),
            // The same 30 days after the order (t = 0, f = 30/30): the same 12 %.
            ("1000.00", vec![(date!(2026 - 12 - 24), cny("1010.00"))], "0.1200", "0.12"),
            // ¥1,015 one month and 15 days after (f = 15/30): 11.96 %.
            ("1000.00", vec![(date!(2027 - 01 - 08), cny("1015.00"))], "0.1196", "0.11960264464979927336804353"),
        ];
        for (principal, payments, rounded, exact) in cases {
            let rate = annual_rate(&cny(principal), order, &payments).unwrap();
            assert_eq!(rate.to_string(), rounded, "{principal} {payments:?}");
            let unrounded = monthly_rate(&cny(principal), order, &payments).unwrap() * Decimal::from(12);
            let exact: Decimal = exact.parse().unwrap();
            assert!((unrounded - exact).abs() < Decimal::new(1, 18), "{unrounded} vs {exact}");
        }
    }

    #[test]
    fn what_has_no_rate_says_why() {
        let order = date!(2026 - 11 - 24);
        let p = cny("100.00");
        assert_eq!(annual_rate(&p, order, &[]), Err(AprError::NotASchedule));
        assert_eq!(annual_rate(&p, order, &[(order, cny("100.00"))]), Err(AprError::NotASchedule));
        let yen = Money::parse("100", Currency::JPY).unwrap();
        assert_eq!(annual_rate(&p, order, &[(date!(2026 - 12 - 24), yen)]), Err(AprError::NotASchedule));
        assert_eq!(
            annual_rate(&p, order, &[(date!(2026 - 12 - 24), cny("99.00"))]),
            Err(AprError::PaysLessThanPrincipal)
        );
        assert_eq!(annual_rate(&p, order, &[(date!(2026 - 12 - 24), cny("250.00"))]), Err(AprError::OutOfRange));
        assert_eq!(annual_rate(&p, order, &[(date!(2026 - 12 - 24), cny("100.00"))]), Ok(Decimal::ZERO));
        assert_eq!(annual_from_daily(Decimal::new(5, 4)), Decimal::new(1825, 4));
    }
}

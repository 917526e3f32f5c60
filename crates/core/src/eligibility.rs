//! Who may pay later for an order: credit score, available limit, and overdue bills.

use serde::{Deserialize, Serialize};

use crate::money::{Money, MoneyError};
use crate::plan::Policy;

/// Lowest and highest credit score on the scale the service uses.
pub const SCORE_MIN: u16 = 350;
pub const SCORE_MAX: u16 = 950;

/// The band a credit score falls in, shown to the shopper in words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CreditBand {
    /// 350–549
    Poor,
    /// 550–599
    Fair,
    /// 600–649
    Good,
    /// 650–699
    VeryGood,
    /// 700–950
    Excellent,
}

impl CreditBand {
    /// The band of `score`, or `None` outside 350–950.
    pub fn of(score: u16) -> Option<CreditBand> {
        Some(match score {
            SCORE_MIN..=549 => CreditBand::Poor,
            550..=599 => CreditBand::Fair,
            600..=649 => CreditBand::Good,
            650..=699 => CreditBand::VeryGood,
            700..=SCORE_MAX => CreditBand::Excellent,
            _ => return None,
        })
    }
}

/// Why an order cannot be paid later. A decision may carry several.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IneligibleReason {
    /// The credit score is below the provider's threshold.
    ScoreTooLow,
    /// The available credit limit is below the order amount.
    LimitTooLow,
    /// A bill is overdue by more than the policy allows: settle it first.
    SeriouslyOverdue,
    /// The order's currency is not the currency of the shopper's credit limit.
    CurrencyNotSupported,
}

impl IneligibleReason {
    /// The wire name (the serde name), e.g. `"score_too_low"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            IneligibleReason::ScoreTooLow => "score_too_low",
            IneligibleReason::LimitTooLow => "limit_too_low",
            IneligibleReason::SeriouslyOverdue => "seriously_overdue",
            IneligibleReason::CurrencyNotSupported => "currency_not_supported",
        }
    }
}

/// What the provider knows of the shopper when deciding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreditSnapshot {
    pub credit_score: u16,
    pub available_limit: Money,
    /// Days the shopper's most overdue unpaid installment is late (0 if none).
    pub longest_overdue_days: u32,
}

/// Every reason `amount` cannot be paid later by this shopper; empty means eligible.
/// Reasons come in a fixed order (score, limit, overdue, currency).
pub fn ineligibility_reasons(shopper: &CreditSnapshot, amount: &Money, policy: &Policy) -> Vec<IneligibleReason> {
    let mut reasons = Vec::new();
    if shopper.credit_score < policy.min_credit_score || CreditBand::of(shopper.credit_score).is_none() {
        reasons.push(IneligibleReason::ScoreTooLow);
    }
    match amount.checked_cmp(&shopper.available_limit) {
        Ok(core::cmp::Ordering::Greater) => reasons.push(IneligibleReason::LimitTooLow),
        Ok(_) => {}
        Err(MoneyError::CurrencyMismatch { .. }) | Err(_) => reasons.push(IneligibleReason::CurrencyNotSupported),
    }
    if shopper.longest_overdue_days > policy.serious_overdue_days {
        reasons.push(IneligibleReason::SeriouslyOverdue);
    }
    reasons.sort();
    reasons
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;

    fn cny(text: &str) -> Money {
        Money::parse(text, Currency::CNY).unwrap()
    }

    fn shopper(score: u16, limit: &str, overdue: u32) -> CreditSnapshot {
        CreditSnapshot { credit_score: score, available_limit: cny(limit), longest_overdue_days: overdue }
    }

    #[test]
    fn a_good_shopper_is_eligible() {
        assert!(ineligibility_reasons(&shopper(720, "5000.00", 0), &cny("1299.00"), &Policy::default()).is_empty());
        // The amount may use the whole limit, and a short overdue does not block.
        assert!(ineligibility_reasons(&shopper(550, "1299.00", 30), &cny("1299.00"), &Policy::default()).is_empty());
    }

    #[test]
    fn each_refusal_has_its_reason() {
        let policy = Policy::default();
        assert_eq!(
            ineligibility_reasons(&shopper(549, "5000.00", 0), &cny("1.00"), &policy),
            [IneligibleReason::ScoreTooLow]
        );
        assert_eq!(
            ineligibility_reasons(&shopper(700, "1298.99", 0), &cny("1299.00"), &policy),
            [IneligibleReason::LimitTooLow]
        );
        assert_eq!(
            ineligibility_reasons(&shopper(700, "5000.00", 31), &cny("1.00"), &policy),
            [IneligibleReason::SeriouslyOverdue]
        );
        let usd = Money::parse("10.00", Currency::USD).unwrap();
        assert_eq!(
            ineligibility_reasons(&shopper(700, "5000.00", 0), &usd, &policy),
            [IneligibleReason::CurrencyNotSupported]
        );
        assert_eq!(
            ineligibility_reasons(&shopper(400, "100.00", 45), &cny("1299.00"), &policy),
            [IneligibleReason::ScoreTooLow, IneligibleReason::LimitTooLow, IneligibleReason::SeriouslyOverdue]
        );
    }

    #[test]
    fn scores_off_the_scale_are_not_eligible() {
        let policy = Policy { min_credit_score: 0, ..Policy::default() };
        assert_eq!(
            ineligibility_reasons(&shopper(951, "5000.00", 0), &cny("1.00"), &policy),
            [IneligibleReason::ScoreTooLow]
        );
        assert_eq!(CreditBand::of(349), None);
        assert_eq!(CreditBand::of(350), Some(CreditBand::Poor));
        assert_eq!(CreditBand::of(950), Some(CreditBand::Excellent));
        assert_eq!(CreditBand::of(650), Some(CreditBand::VeryGood));
    }
}

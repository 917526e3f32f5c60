//! Exact money: an amount in a currency, never a float.
//!
//! * An amount never carries more fractional digits than its currency's minor unit allows
//!   ([`Money::new`] rejects `1.001 CNY` and `5.5 JPY` instead of truncating them).
//! * Arithmetic across currencies is an error ([`MoneyError::CurrencyMismatch`]), not a silent mix.
//! * Every rounding to the minor unit goes through [`round_minor`], which names its strategy:
//!   half away from zero. A bare `Decimal::round_dp` is banker's rounding and is a bug here.
//! * [`allocate`] splits a total into parts that sum to it exactly.

use crate::json::Quoted;
use core::fmt;
use core::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// The one rounding strategy used for money: half away from zero (0.005 → 0.01, -0.005 → -0.01).
pub const MONEY_ROUNDING: RoundingStrategy = RoundingStrategy::MidpointAwayFromZero;

/// ISO 4217 currencies the service knows, with their minor-unit digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Currency {
    /// Chinese yuan renminbi, 2 digits.
    CNY,
    /// Hong Kong dollar, 2 digits.
    HKD,
    /// US dollar, 2 digits.
    USD,
    /// Euro, 2 digits.
    EUR,
    /// Japanese yen, 0 digits.
    JPY,
    /// South Korean won, 0 digits.
    KRW,
}

impl Currency {
    /// Every supported currency, for tests and option validation.
    pub const ALL: [Currency; 6] =
        [Currency::CNY, Currency::HKD, Currency::USD, Currency::EUR, Currency::JPY, Currency::KRW];

    /// Digits after the decimal point of the currency's minor unit (ISO 4217 "exponent").
    pub const fn minor_digits(self) -> u32 {
        match self {
            Currency::JPY | Currency::KRW => 0,
            Currency::CNY | Currency::HKD | Currency::USD | Currency::EUR => 2,
        }
    }

    /// The ISO 4217 code, e.g. `"CNY"`.
    pub const fn code(self) -> &'static str {
        match self {
            Currency::CNY => "CNY",
            Currency::HKD => "HKD",
            Currency::USD => "USD",
            Currency::EUR => "EUR",
            Currency::JPY => "JPY",
            Currency::KRW => "KRW",
        }
    }

    /// The currency's smallest unit as a decimal (0.01 for CNY, 1 for JPY).
    pub fn minor_unit(self) -> Decimal {
        Decimal::new(1, self.minor_digits())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Currency {
    type Err = MoneyError;
    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Currency::ALL.into_iter().find(|c| c.code() == code).ok_or_else(|| MoneyError::UnknownCurrency(code.to_owned()))
    }
}

/// Why an amount was refused or an operation on money failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MoneyError {
    /// The currency code is not one this service handles.
    UnknownCurrency(String),
    /// The amount has more fractional digits than the currency allows (`1.001` CNY, `5.5` JPY).
    TooManyDigits { amount: String, currency: Currency },
    /// The text is not a plain decimal number such as `1299.00` (leading zeros included).
    NotADecimal(String),
    /// A trillion or more: [`MAX_WHOLE_DIGITS`] digits before the point at most.
    TooLarge(String),
    /// Two amounts in different currencies were combined.
    CurrencyMismatch { left: Currency, right: Currency },
    /// The result does not fit in a decimal.
    Overflow,
    /// A split into zero parts, or of a negative total.
    InvalidSplit,
}

impl fmt::Display for MoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MoneyError::UnknownCurrency(code) => {
                write!(f, "unknown currency {}: use an ISO 4217 code such as CNY, USD or JPY", Quoted(code))
            }
            MoneyError::TooManyDigits { amount, currency } => write!(
                f,
                "{amount} has more than {} decimal places, which {currency} does not allow",
                currency.minor_digits()
            ),
            MoneyError::NotADecimal(text) => {
                write!(f, "{} is not an amount: write it as a decimal string such as \"1299.00\"", Quoted(text))
            }
            MoneyError::TooLarge(text) => {
                write!(f, "{text} is too large: amounts have at most {MAX_WHOLE_DIGITS} digits before the point")
            }
            MoneyError::CurrencyMismatch { left, right } => {
                write!(f, "cannot combine {left} with {right}")
            }
            MoneyError::Overflow => f.write_str("amount too large"),
            MoneyError::InvalidSplit => f.write_str("a split needs at least one part and a total that is not negative"),
        }
    }
}

impl std::error::Error for MoneyError {}

/// Digits before the point that an amount read from outside may have: below a trillion.
pub const MAX_WHOLE_DIGITS: usize = 12;

/// Rounds `amount` to `currency`'s minor unit, half away from zero. The only rounding of money.
pub fn round_minor(amount: Decimal, currency: Currency) -> Decimal {
    let mut rounded = amount.round_dp_with_strategy(currency.minor_digits(), MONEY_ROUNDING);
    // Keep the scale at exactly the minor digits, so 1299 CNY prints as "1299.00".
    rounded.rescale(currency.minor_digits());
    rounded
}

/// An exact amount of one currency.
///
/// Serialized as `{"amount": "1299.00", "currency": "CNY"}`: the amount is a decimal string with
/// exactly the currency's minor digits. Deserializing refuses floats, more digits than the
/// currency allows, and unknown currencies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Money {
    amount: Decimal,
    currency: Currency,
}

impl Money {
    /// An amount that must already be exact to the currency's minor unit; `1.001 CNY` is refused.
    pub fn new(amount: Decimal, currency: Currency) -> Result<Money, MoneyError> {
        let normalized = amount.normalize();
        if normalized.scale() > currency.minor_digits() {
            return Err(MoneyError::TooManyDigits { amount: amount.to_string(), currency });
        }
        let mut amount = normalized;
        amount.rescale(currency.minor_digits());
        Ok(Money { amount, currency })
    }

    /// Parses a decimal string such as `"1299.00"` or `"1299"`: digits without leading zeros
    /// (at most [`MAX_WHOLE_DIGITS`] of them), one optional point followed by no more digits than
    /// the currency's minor unit (`"1.500"` CNY and `"5.0"` JPY are refused, zeros or not), an
    /// optional leading minus. Exponents, spaces, thousands separators and floats are refused.
    pub fn parse(text: &str, currency: Currency) -> Result<Money, MoneyError> {
        let digits = text.strip_prefix('-').unwrap_or(text);
        let mut parts = digits.splitn(2, '.');
        let whole = parts.next().unwrap_or("");
        let fraction = parts.next();
        let plain = !whole.is_empty()
            && whole.bytes().all(|b| b.is_ascii_digit())
            && (whole == "0" || !whole.starts_with('0'))
            && fraction.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
        if !plain {
            return Err(MoneyError::NotADecimal(text.to_owned()));
        }
        if fraction.is_some_and(|f| f.len() > currency.minor_digits() as usize) {
            return Err(MoneyError::TooManyDigits { amount: text.to_owned(), currency });
        }
        if whole.len() > MAX_WHOLE_DIGITS {
            return Err(MoneyError::TooLarge(text.to_owned()));
        }
        let amount = plain_decimal(text).ok_or_else(|| MoneyError::NotADecimal(text.to_owned()))?;
        Money::new(amount, currency)
    }

    /// Rounds any decimal to the currency's minor unit (half away from zero) and wraps it.
    pub fn from_rounded(amount: Decimal, currency: Currency) -> Money {
        Money { amount: round_minor(amount, currency), currency }
    }

    /// Zero in `currency`.
    pub fn zero(currency: Currency) -> Money {
        Money::from_rounded(Decimal::ZERO, currency)
    }

    /// A whole number of minor units (cents for CNY, yen for JPY).
    pub fn from_minor(units: i64, currency: Currency) -> Money {
        Money { amount: Decimal::new(units, currency.minor_digits()), currency }
    }

    pub fn amount(&self) -> Decimal {
        self.amount
    }

    pub fn currency(&self) -> Currency {
        self.currency
    }

    pub fn is_zero(&self) -> bool {
        self.amount.is_zero()
    }

    pub fn is_negative(&self) -> bool {
        self.amount.is_sign_negative() && !self.amount.is_zero()
    }

    /// The amount as a count of minor units, if it fits in an `i64`.
    pub fn minor_units(&self) -> Option<i64> {
        let mut scaled = self.amount;
        scaled.rescale(self.currency.minor_digits());
        let mantissa = scaled.mantissa();
        i64::try_from(mantissa).ok()
    }

    fn same_currency(&self, other: &Money) -> Result<(), MoneyError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(MoneyError::CurrencyMismatch { left: self.currency, right: other.currency })
        }
    }

    pub fn checked_add(&self, other: &Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        let amount = self.amount.checked_add(other.amount).ok_or(MoneyError::Overflow)?;
        Ok(Money::from_rounded(amount, self.currency))
    }

    pub fn checked_sub(&self, other: &Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        let amount = self.amount.checked_sub(other.amount).ok_or(MoneyError::Overflow)?;
        Ok(Money::from_rounded(amount, self.currency))
    }

    /// `self × rate`, rounded to the minor unit half away from zero (fees, late interest).
    pub fn mul_rate(&self, rate: Decimal) -> Result<Money, MoneyError> {
        let amount = self.amount.checked_mul(rate).ok_or(MoneyError::Overflow)?;
        Ok(Money::from_rounded(amount, self.currency))
    }

    /// Sums amounts that must all be in `currency`.
    pub fn sum<'a>(currency: Currency, items: impl IntoIterator<Item = &'a Money>) -> Result<Money, MoneyError> {
        items.into_iter().try_fold(Money::zero(currency), |acc, m| acc.checked_add(m))
    }

    /// Orders two amounts of the same currency.
    pub fn checked_cmp(&self, other: &Money) -> Result<core::cmp::Ordering, MoneyError> {
        self.same_currency(other)?;
        Ok(self.amount.cmp(&other.amount))
    }

    /// The amount as a string with exactly the currency's minor digits: `"1299.00"`, `"500"`.
    pub fn amount_string(&self) -> String {
        let mut amount = self.amount;
        amount.rescale(self.currency.minor_digits());
        amount.to_string()
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount_string(), self.currency)
    }
}

/// Splits `total` into `parts` amounts that sum to it exactly and differ by at most one minor unit.
///
/// **Who takes the leftover:** the total is cut into equal shares rounded *down* to the minor
/// unit; the leftover minor units (fewer than `parts`) go one each to the **first** parts. So
/// 100.00 over 3 is `[33.34, 33.33, 33.33]`: a first installment is never smaller than a later one.
///
/// A negative total or zero parts is [`MoneyError::InvalidSplit`].
pub fn allocate(total: Money, parts: usize) -> Result<Vec<Money>, MoneyError> {
    if parts == 0 || total.is_negative() {
        return Err(MoneyError::InvalidSplit);
    }
    let units = total.minor_units().ok_or(MoneyError::Overflow)?;
    let count = i64::try_from(parts).map_err(|_| MoneyError::InvalidSplit)?;
    let base = units / count;
    let leftover = units % count;
    Ok((0..count).map(|i| Money::from_minor(base + i64::from(i < leftover), total.currency)).collect())
}

/// A plain decimal string (`"1299.00"`, `"-3.1"`, `"0.0005"`: digits, at most one point with
/// digits on both sides, an optional leading minus, at most 18 digits) as the same `Decimal`
/// `Decimal::from_str` gives, without its scientific notation (which the contract never sends and
/// a module need not carry). `None` for anything else.
pub fn plain_decimal(text: &str) -> Option<Decimal> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, fraction),
        None => (digits, ""),
    };
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty()
        || !all_digits(whole)
        || !all_digits(fraction)
        || (digits.contains('.') && fraction.is_empty())
        || whole.len() + fraction.len() > 18
    {
        return None;
    }
    let mantissa = whole.bytes().chain(fraction.bytes()).fold(0i64, |n, b| n * 10 + i64::from(b - b'0'));
    let scale = u32::try_from(fraction.len()).ok()?;
    Some(Decimal::new(if negative { -mantissa } else { mantissa }, scale))
}

#[derive(Serialize, Deserialize)]
struct MoneyWire {
    amount: String,
    currency: String,
}

impl Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        MoneyWire { amount: self.amount_string(), currency: self.currency.code().to_owned() }.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = MoneyWire::deserialize(deserializer)?;
        let currency: Currency = wire.currency.parse().map_err(serde::de::Error::custom)?;
        Money::parse(&wire.amount, currency).map_err(serde::de::Error::custom)
    }
}

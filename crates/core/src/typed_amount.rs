//! An amount a shopper types (the repayment dialog's "Another amount"): what is accepted, and why
//! anything else is refused, before any call to the provider.
//!
//! Accepted: digits with at most one decimal point (`123.45`, `.5`, `123.`), thousands separators
//! (`,`, spaces, `'`), a currency sign before it (`¥`, `￥`, `$`, `€`, `₩`, `HK$`) and full-width
//! digits and point (`１２３．４５`, as Chinese and Japanese keyboards type them), with no more
//! decimals than the currency has, more than zero and at most the `limit` (what settles the bill,
//! the provider's figure).

use crate::money::{Currency, MAX_WHOLE_DIGITS, Money, plain_decimal};

/// Why a typed amount is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypedAmountError {
    /// Nothing typed.
    Empty,
    /// Not a number (letters, two points, a sign in the middle).
    NotANumber,
    /// Zero, or negative.
    NotPositive,
    /// More decimals than the currency has (`digits`: how many it has, 0 for JPY and KRW).
    TooManyDecimals { digits: u32 },
    /// More than `limit`.
    MoreThan { limit: Money },
}

/// Reads `text` as an amount of `currency`, at most `limit` (if known), by the rule above.
pub fn typed_amount(text: &str, currency: Currency, limit: Option<&Money>) -> Result<Money, TypedAmountError> {
    let mut plain = String::with_capacity(text.len());
    for c in text.trim().chars() {
        match c {
            '０'..='９' => plain.push(char::from(b'0' + (u32::from(c) - u32::from('０')) as u8)),
            '．' | '。' => plain.push('.'),
            '－' | '−' => plain.push('-'),
            ',' | '，' | '\'' | '_' => {}
            c if c.is_whitespace() => {}
            c => plain.push(c),
        }
    }
    let plain = ["HK$", "¥", "￥", "$", "€", "₩"].iter().find_map(|sign| plain.strip_prefix(sign)).unwrap_or(&plain);
    if plain.is_empty() {
        return Err(TypedAmountError::Empty);
    }
    let (negative, digits) = match plain.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, plain),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let numeric = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !numeric(whole) || !numeric(fraction) {
        return Err(TypedAmountError::NotANumber);
    }
    let whole = whole.trim_start_matches('0');
    let fraction = fraction.trim_end_matches('0');
    if fraction.len() > currency.minor_digits() as usize {
        return Err(TypedAmountError::TooManyDecimals { digits: currency.minor_digits() });
    }
    if negative || (whole.is_empty() && fraction.is_empty()) {
        return Err(TypedAmountError::NotPositive);
    }
    let too_much = || limit.map_or(TypedAmountError::NotANumber, |l| TypedAmountError::MoreThan { limit: *l });
    if whole.len() > MAX_WHOLE_DIGITS {
        return Err(too_much());
    }
    let text = if fraction.is_empty() {
        if whole.is_empty() { "0".to_owned() } else { whole.to_owned() }
    } else {
        format!("{}.{fraction}", if whole.is_empty() { "0" } else { whole })
    };
    let amount = plain_decimal(&text).ok_or(TypedAmountError::NotANumber)?;
    let money = Money::from_rounded(amount, currency);
    match limit {
        Some(l) if l.checked_cmp(&money).is_ok_and(|o| o == core::cmp::Ordering::Less) => Err(too_much()),
        _ => Ok(money),
    }
}

//! Exact money: parsing one way to write an amount, arithmetic only within a currency, rounding
//! half away from zero, splits that sum exactly, the wire format.

use paylater_core::Decimal;
use paylater_core::{Currency, Money, MoneyError, allocate, plain_decimal, round_minor};

fn cny(text: &str) -> Money {
    Money::parse(text, Currency::CNY).unwrap()
}

#[test]
fn amounts_with_too_many_digits_are_refused_not_truncated() {
    assert_eq!(
        Money::parse("1.001", Currency::CNY),
        Err(MoneyError::TooManyDigits { amount: "1.001".into(), currency: Currency::CNY })
    );
    assert!(matches!(Money::parse("5.5", Currency::JPY), Err(MoneyError::TooManyDigits { .. })));
    // Zeros past the minor unit are refused too: one way to write an amount.
    assert!(matches!(Money::parse("5.000", Currency::JPY), Err(MoneyError::TooManyDigits { .. })));
    assert!(matches!(Money::parse("1.500", Currency::CNY), Err(MoneyError::TooManyDigits { .. })));
    assert_eq!(cny("1299").amount_string(), "1299.00");
    assert_eq!(cny("0.5").amount_string(), "0.50");
    assert_eq!(cny("999999999999.99").amount_string(), "999999999999.99");
    assert_eq!(Money::parse("1000000000000", Currency::CNY), Err(MoneyError::TooLarge("1000000000000".into())));
}

#[test]
fn plain_decimals_are_what_from_str_makes_and_nothing_else_parses() {
    for text in ["0", "0.0005", "1299.00", "-3.10", "0.1527", "999999999999999999", "12.5"] {
        assert_eq!(plain_decimal(text), text.parse::<Decimal>().ok(), "{text}");
        let (a, b) = (plain_decimal(text).unwrap(), text.parse::<Decimal>().unwrap());
        assert_eq!(a.scale(), b.scale(), "{text}");
    }
    for bad in ["", "-", ".5", "1.", "1e3", "+1", "1,2", "1.2.3", "0x1", " 1", "1000000000000000000"] {
        assert_eq!(plain_decimal(bad), None, "{bad:?}");
    }
}

#[test]
fn only_plain_decimal_strings_parse() {
    for bad in ["", "-", "1e3", " 1", "1,299.00", "1.", ".5", "+1", "0x10", "NaN", "1.2.3", "0012", "-01.00", "00"] {
        assert!(
            matches!(Money::parse(bad, Currency::CNY), Err(MoneyError::NotADecimal(_))),
            "{bad:?} should be refused"
        );
    }
    assert_eq!(cny("-3.10").amount_string(), "-3.10");
}

#[test]
fn arithmetic_across_currencies_is_an_error() {
    let yen = Money::parse("100", Currency::JPY).unwrap();
    assert_eq!(
        cny("1.00").checked_add(&yen),
        Err(MoneyError::CurrencyMismatch { left: Currency::CNY, right: Currency::JPY })
    );
    assert!(cny("1.00").checked_sub(&yen).is_err());
    assert!(cny("1.00").checked_cmp(&yen).is_err());
}

#[test]
fn rounding_is_half_away_from_zero_not_bankers() {
    // Banker's rounding would give 0.02 and 0.00 / -0.02 here.
    assert_eq!(round_minor(Decimal::new(25, 3), Currency::CNY).to_string(), "0.03");
    assert_eq!(round_minor(Decimal::new(5, 3), Currency::CNY).to_string(), "0.01");
    assert_eq!(round_minor(Decimal::new(-25, 3), Currency::CNY).to_string(), "-0.03");
    assert_eq!(round_minor(Decimal::new(25, 1), Currency::JPY).to_string(), "3");
    assert_eq!(cny("10.00").mul_rate(Decimal::new(25, 4)).unwrap(), cny("0.03"));
}

#[test]
fn allocate_gives_leftover_cents_to_the_first_parts() {
    let parts = allocate(cny("100.00"), 3).unwrap();
    assert_eq!(parts, vec![cny("33.34"), cny("33.33"), cny("33.33")]);
    let parts = allocate(cny("0.01"), 12).unwrap();
    assert_eq!(parts[0], cny("0.01"));
    assert!(parts[1..].iter().all(Money::is_zero));
    let yen = allocate(Money::parse("1000", Currency::JPY).unwrap(), 3).unwrap();
    let yen: Vec<String> = yen.iter().map(Money::amount_string).collect();
    assert_eq!(yen, ["334", "333", "333"]);
    assert_eq!(allocate(cny("1.00"), 0), Err(MoneyError::InvalidSplit));
    assert_eq!(allocate(cny("-1.00"), 2), Err(MoneyError::InvalidSplit));
}

#[test]
fn serializes_as_decimal_string_with_currency() {
    let json = serde_json::to_string(&cny("1299")).unwrap();
    assert_eq!(json, r#"{"amount":"1299.00","currency":"CNY"}"#);
    let back: Money = serde_json::from_str(r#"{"amount":"0.5","currency":"USD"}"#).unwrap();
    assert_eq!(back.amount_string(), "0.50");
    for bad in [
        r#"{"amount":1299.0,"currency":"CNY"}"#,
        r#"{"amount":"1.001","currency":"CNY"}"#,
        r#"{"amount":"1","currency":"XXX"}"#,
        r#"{"amount":"1e2","currency":"CNY"}"#,
    ] {
        assert!(serde_json::from_str::<Money>(bad).is_err(), "{bad} should be refused");
    }
}

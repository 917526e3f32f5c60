//! What a shopper may type as another amount, and how each mistake is named.

use paylater_core::{Currency, Money, TypedAmountError, typed_amount};
use proptest::prelude::*;

fn cny(text: &str) -> Money {
    Money::parse(text, Currency::CNY).unwrap()
}

#[test]
fn amounts_as_shoppers_type_them() {
    let limit = cny("5000.00");
    let ok = |text: &str| typed_amount(text, Currency::CNY, Some(&limit));
    for (text, amount) in [
        ("123.45", "123.45"),
        (" 123.45 ", "123.45"),
        ("1,234.5", "1234.50"),
        ("1 234", "1234.00"),
        ("¥99", "99.00"),
        ("￥ 0.5", "0.50"),
        (".5", "0.50"),
        ("12.", "12.00"),
        ("００１２３．４", "123.40"),
        ("0.10", "0.10"),
        ("123.450", "123.45"),
        ("5000", "5000.00"),
    ] {
        assert_eq!(ok(text), Ok(cny(amount)), "{text}");
    }
}

#[test]
fn each_mistake_is_named() {
    let limit = cny("5000.00");
    let refused = |text: &str| typed_amount(text, Currency::CNY, Some(&limit)).unwrap_err();
    assert_eq!(refused(""), TypedAmountError::Empty);
    assert_eq!(refused("  ¥ "), TypedAmountError::Empty);
    for text in ["abc", "1.2.3", "1e3", "12-3", "0x10", ".", "1/2"] {
        assert_eq!(refused(text), TypedAmountError::NotANumber, "{text}");
    }
    for text in ["0", "0.00", "-5", "-0.01", "－3"] {
        assert_eq!(refused(text), TypedAmountError::NotPositive, "{text}");
    }
    assert_eq!(refused("1.001"), TypedAmountError::TooManyDecimals { digits: 2 });
    assert_eq!(refused("5000.01"), TypedAmountError::MoreThan { limit });
    assert_eq!(refused("9999999999999"), TypedAmountError::MoreThan { limit });
    assert_eq!(typed_amount("1.5", Currency::JPY, None), Err(TypedAmountError::TooManyDecimals { digits: 0 }));
    assert_eq!(typed_amount("1500", Currency::JPY, None), Ok(Money::parse("1500", Currency::JPY).unwrap()));
}

proptest! {
    /// Any amount written plainly reads back as itself, and never above the limit.
    #[test]
    fn any_plain_amount_reads_back(units in 1i64..100_000_000, limit_units in 1i64..100_000_000) {
        let money = Money::from_minor(units, Currency::CNY);
        let limit = Money::from_minor(limit_units, Currency::CNY);
        let read = typed_amount(&money.amount_string(), Currency::CNY, Some(&limit));
        if units <= limit_units {
            prop_assert_eq!(read, Ok(money));
        } else {
            prop_assert_eq!(read, Err(TypedAmountError::MoreThan { limit }));
        }
    }
}

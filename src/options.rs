//! The merchant's options for one widget, read from the host element's attributes, and the clear
//! errors for options that cannot work. Parsing is pure, so it is tested natively.

use core::fmt;

use paylater_core::locale::{Locale, UnknownLocale};
use paylater_core::{Currency, Money, MoneyError};

/// What the merchant configured for one widget.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WidgetOptions {
    /// The order total, more than zero.
    pub amount: Money,
    pub merchant_id: String,
    pub order_id: String,
    pub locale: Locale,
}

/// Why the options cannot be used. `Display` is the message for the merchant's developer (console).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OptionsError {
    MissingAmount,
    InvalidAmount(MoneyError),
    AmountNotPositive(String),
    UnknownCurrency(String),
    UnknownLocale(UnknownLocale),
}

impl fmt::Display for OptionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[pay-later] ")?;
        match self {
            OptionsError::MissingAmount => {
                f.write_str("no amount: set data-amount to the order total as a decimal string, e.g. data-amount=\"1299.00\"")
            }
            OptionsError::InvalidAmount(e) => write!(f, "data-amount: {e}"),
            OptionsError::AmountNotPositive(a) => write!(f, "data-amount {a:?} must be more than zero"),
            OptionsError::UnknownCurrency(c) => {
                write!(f, "data-currency {c:?} is not supported: use one of CNY, HKD, USD, EUR, JPY, KRW")
            }
            OptionsError::UnknownLocale(e) => write!(f, "data-locale: {e}"),
        }
    }
}

impl std::error::Error for OptionsError {}

/// Reads options through `attribute` (`"amount"` → the host's `data-amount`).
/// Defaults: currency CNY, locale zh-CN, merchant and order ids empty.
pub fn parse_options(
    attribute: impl Fn(&str) -> Option<String>,
) -> Result<WidgetOptions, OptionsError> {
    let currency = match attribute("currency") {
        None => Currency::CNY,
        Some(code) => code
            .trim()
            .parse()
            .map_err(|_| OptionsError::UnknownCurrency(code.clone()))?,
    };
    let amount_text = attribute("amount").ok_or(OptionsError::MissingAmount)?;
    let amount = Money::parse(amount_text.trim(), currency).map_err(OptionsError::InvalidAmount)?;
    if amount.is_zero() || amount.is_negative() {
        return Err(OptionsError::AmountNotPositive(amount_text));
    }
    let locale = match attribute("locale") {
        None => Locale::default(),
        Some(tag) => tag.parse().map_err(OptionsError::UnknownLocale)?,
    };
    Ok(WidgetOptions {
        amount,
        merchant_id: attribute("merchant-id").unwrap_or_default(),
        order_id: attribute("order-id").unwrap_or_default(),
        locale,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pairs: &[(&str, &str)]) -> Result<WidgetOptions, OptionsError> {
        parse_options(|name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        })
    }

    #[test]
    fn reads_a_full_set_of_options() {
        let o = parse(&[
            ("amount", "1299.00"),
            ("currency", "CNY"),
            ("locale", "en"),
            ("merchant-id", "M1"),
            ("order-id", "O1"),
        ])
        .unwrap();
        assert_eq!(o.amount.amount_string(), "1299.00");
        assert_eq!(o.locale, Locale::En);
        assert_eq!((o.merchant_id.as_str(), o.order_id.as_str()), ("M1", "O1"));
        assert_eq!(parse(&[("amount", "88")]).unwrap().locale, Locale::ZhCn);
    }

    #[test]
    fn bad_options_say_what_to_do() {
        assert_eq!(parse(&[]), Err(OptionsError::MissingAmount));
        assert!(
            parse(&[])
                .unwrap_err()
                .to_string()
                .contains("data-amount=\"1299.00\"")
        );
        assert!(matches!(
            parse(&[("amount", "1299.001")]),
            Err(OptionsError::InvalidAmount(_))
        ));
        assert!(matches!(
            parse(&[("amount", "1.2e3")]),
            Err(OptionsError::InvalidAmount(_))
        ));
        assert!(matches!(
            parse(&[("amount", "-5.00")]),
            Err(OptionsError::AmountNotPositive(_))
        ));
        assert!(matches!(
            parse(&[("amount", "0")]),
            Err(OptionsError::AmountNotPositive(_))
        ));
        assert!(matches!(
            parse(&[("amount", "5"), ("currency", "XYZ")]),
            Err(OptionsError::UnknownCurrency(_))
        ));
        assert!(matches!(
            parse(&[("amount", "5"), ("locale", "fr")]),
            Err(OptionsError::UnknownLocale(_))
        ));
        assert!(matches!(
            parse(&[("amount", "5.5"), ("currency", "JPY")]),
            Err(OptionsError::InvalidAmount(_))
        ));
    }
}

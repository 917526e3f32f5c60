//! The shopper's language, and amounts, rates and dates written for it.
//!
//! `¥1,299.00` in Chinese and English; `2026年12月22日` in Chinese and Japanese, `2026년 12월 22일`
//! in Korean and `Dec 22, 2026` in English; rates as `4.5%`. Pure functions, tested natively; the
//! widget only calls them. Simplified Chinese and English are built into the widget; the texts of
//! Traditional Chinese, Japanese and Korean are loaded on demand (see the widget's `i18n`).

use crate::json::Quoted;
use core::fmt::Write as _;
use core::str::FromStr;

use rust_decimal::Decimal;
use time::Date;

use crate::money::{Currency, Money};

/// Languages the widget speaks. English is the fallback for anything missing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Locale {
    /// Simplified Chinese (`zh-CN`).
    #[default]
    ZhCn,
    /// English (`en`).
    En,
    /// Traditional Chinese (`zh-Hant`: `zh-HK`, `zh-TW`, `zh-MO`).
    ZhHant,
    /// Japanese (`ja`).
    Ja,
    /// Korean (`ko`).
    Ko,
}

impl Locale {
    pub const ALL: [Locale; 5] = [Locale::ZhCn, Locale::En, Locale::ZhHant, Locale::Ja, Locale::Ko];

    /// The BCP 47 tag, for `lang` attributes (and the name of the locale's file).
    pub const fn tag(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::En => "en",
            Locale::ZhHant => "zh-Hant",
            Locale::Ja => "ja",
            Locale::Ko => "ko",
        }
    }
}

/// A locale tag the widget does not speak.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownLocale(pub String);

impl core::fmt::Display for UnknownLocale {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "unknown locale {}: use \"zh-CN\", \"zh-HK\" / \"zh-TW\", \"en\", \"ja\" or \"ko\"", Quoted(&self.0))
    }
}

impl FromStr for Locale {
    type Err = UnknownLocale;
    /// Accepts `zh-CN`, `zh`, `zh-Hans`, `zh-Hans-CN`; `zh-HK`, `zh-TW`, `zh-MO`, `zh-Hant`,
    /// `zh-Hant-HK`; `en`, `en-US`, `en-GB`; `ja`, `ja-JP`; `ko`, `ko-KR`, … (case-insensitive).
    fn from_str(tag: &str) -> Result<Self, Self::Err> {
        let lower = tag.trim().to_ascii_lowercase().replace('_', "-");
        let mut subtags = lower.split('-');
        let primary = subtags.next().unwrap_or("");
        let traditional = subtags.any(|s| matches!(s, "hant" | "tw" | "hk" | "mo")) && !lower.contains("hans");
        match primary {
            "zh" if traditional => Ok(Locale::ZhHant),
            "zh" => Ok(Locale::ZhCn),
            "en" => Ok(Locale::En),
            "ja" => Ok(Locale::Ja),
            "ko" => Ok(Locale::Ko),
            _ => Err(UnknownLocale(tag.to_owned())),
        }
    }
}

/// The symbol written before an amount: the one shoppers of `locale` read for `currency` (CLDR's
/// narrow symbol where it cannot be mistaken for their own currency's, else the prefixed one).
pub fn currency_symbol(currency: Currency, locale: Locale) -> &'static str {
    match (currency, locale) {
        (Currency::CNY, Locale::ZhCn | Locale::En) => "¥",
        (Currency::CNY, Locale::ZhHant | Locale::Ja | Locale::Ko) => "CN¥",
        (Currency::JPY, Locale::En) => "¥",
        (Currency::JPY, Locale::Ja) => "￥",
        (Currency::JPY, Locale::ZhCn | Locale::ZhHant | Locale::Ko) => "JP¥",
        (Currency::HKD, _) => "HK$",
        (Currency::USD, Locale::En | Locale::Ja) => "$",
        (Currency::USD, Locale::ZhCn | Locale::ZhHant | Locale::Ko) => "US$",
        (Currency::EUR, _) => "€",
        (Currency::KRW, _) => "₩",
    }
}

/// Groups the integer digits of a plain decimal string in threes: `"1299.00"` → `"1,299.00"`.
fn group_thousands(plain: &str) -> String {
    let (sign, digits) = plain.strip_prefix('-').map_or(("", plain), |d| ("-", d));
    let (whole, fraction) = digits.split_once('.').map_or((digits, None), |(w, f)| (w, Some(f)));
    let mut out = String::with_capacity(plain.len() + whole.len() / 3 + 1);
    out.push_str(sign);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = fraction {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// `¥1,299.00`, `-¥3.10`, `¥1,000` for JPY in English. Always the currency's minor digits.
pub fn format_money(money: &Money, locale: Locale) -> String {
    let plain = money.amount_string();
    let grouped = group_thousands(plain.strip_prefix('-').unwrap_or(&plain));
    let sign = if money.is_negative() { "-" } else { "" };
    format!("{sign}{}{grouped}", currency_symbol(money.currency(), locale))
}

/// A fraction as a percentage with no trailing zeros: `0.045` → `4.5%`, `0.088` → `8.8%`, `0` → `0%`.
pub fn format_rate(rate: Decimal) -> String {
    let percent = (rate * Decimal::ONE_HUNDRED).normalize();
    format!("{percent}%")
}

const MONTHS_EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// `2026年12月22日` (Chinese, Japanese) / `2026년 12월 22일` / `Dec 22, 2026`.
pub fn format_date(date: Date, locale: Locale) -> String {
    let mut out = String::with_capacity(16);
    let month = date.month() as u8;
    let _ = match locale {
        Locale::ZhCn | Locale::ZhHant | Locale::Ja => write!(out, "{}年{}月{}日", date.year(), month, date.day()),
        Locale::Ko => write!(out, "{}년 {}월 {}일", date.year(), month, date.day()),
        Locale::En => write!(
            out,
            "{} {}, {}",
            MONTHS_EN.get(usize::from(month).saturating_sub(1)).copied().unwrap_or_default(),
            date.day(),
            date.year()
        ),
    };
    out
}

/// `HH:MM` of a time, in its own offset.
pub fn format_time(at: time::OffsetDateTime) -> String {
    format!("{:02}:{:02}", at.hour(), at.minute())
}

/// A moment in the shopper's time zone (`offset`): `2026年11月23日 19:35` / `Nov 23, 2026, 19:35`.
pub fn format_date_time(at: time::OffsetDateTime, offset: time::UtcOffset, locale: Locale) -> String {
    let local = at.to_offset(offset);
    let separator = match locale {
        Locale::En => ", ",
        Locale::ZhCn | Locale::ZhHant | Locale::Ja | Locale::Ko => " ",
    };
    format!("{}{separator}{}", format_date(local.date(), locale), format_time(local))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime, offset};

    #[test]
    fn date_times_in_the_shoppers_zone() {
        let at = datetime!(2026-11-23 11:35:59 UTC);
        assert_eq!(format_date_time(at, offset!(+8), Locale::ZhCn), "2026年11月23日 19:35");
        assert_eq!(format_date_time(at, offset!(-5), Locale::En), "Nov 23, 2026, 06:35");
        assert_eq!(format_time(datetime!(2026-01-01 00:05 +08:00)), "00:05");
    }

    #[test]
    fn money_is_grouped_with_symbol() {
        let m = |t: &str, c| Money::parse(t, c).unwrap();
        assert_eq!(format_money(&m("1299", Currency::CNY), Locale::ZhCn), "¥1,299.00");
        assert_eq!(format_money(&m("1299", Currency::CNY), Locale::En), "¥1,299.00");
        assert_eq!(format_money(&m("1234567.5", Currency::USD), Locale::En), "$1,234,567.50");
        assert_eq!(format_money(&m("100000", Currency::JPY), Locale::En), "¥100,000");
        assert_eq!(format_money(&m("0.01", Currency::CNY), Locale::En), "¥0.01");
        assert_eq!(format_money(&m("-3.1", Currency::CNY), Locale::En), "-¥3.10");
        assert_eq!(format_money(&m("999", Currency::CNY), Locale::En), "¥999.00");
    }

    #[test]
    fn dates_per_locale() {
        assert_eq!(format_date(date!(2026 - 12 - 22), Locale::ZhCn), "2026年12月22日");
        assert_eq!(format_date(date!(2026 - 12 - 22), Locale::En), "Dec 22, 2026");
        assert_eq!(format_date(date!(2027 - 01 - 05), Locale::En), "Jan 5, 2027");
    }

    #[test]
    fn rates_as_percentages() {
        assert_eq!(format_rate(Decimal::new(45, 3)), "4.5%");
        assert_eq!(format_rate(Decimal::new(88, 3)), "8.8%");
        assert_eq!(format_rate(Decimal::new(25, 3)), "2.5%");
        assert_eq!(format_rate(Decimal::ZERO), "0%");
    }

    #[test]
    fn locale_tags() {
        assert_eq!("zh-CN".parse(), Ok(Locale::ZhCn));
        assert_eq!("zh".parse(), Ok(Locale::ZhCn));
        assert_eq!("EN-us".parse(), Ok(Locale::En));
        assert_eq!("en_GB".parse(), Ok(Locale::En));
        assert!("fr".parse::<Locale>().is_err());
        for tag in ["zh-TW", "zh-HK", "zh_hk", "zh-MO", "zh-Hant", "zh-Hant-HK"] {
            assert_eq!(tag.parse(), Ok(Locale::ZhHant), "{tag}");
        }
        assert_eq!("zh-Hans-HK".parse(), Ok(Locale::ZhCn));
        assert_eq!("ja-JP".parse(), Ok(Locale::Ja));
        assert_eq!("KO".parse(), Ok(Locale::Ko));
        assert!("jav".parse::<Locale>().is_err());
        for locale in Locale::ALL {
            assert_eq!(locale.tag().parse(), Ok(locale));
        }
    }

    #[test]
    fn the_new_locales_write_amounts_and_dates_their_way() {
        let m = |t: &str, c| Money::parse(t, c).unwrap();
        assert_eq!(format_money(&m("129900", Currency::JPY), Locale::Ja), "￥129,900");
        assert_eq!(format_money(&m("1299", Currency::HKD), Locale::ZhHant), "HK$1,299.00");
        assert_eq!(format_money(&m("1299000", Currency::KRW), Locale::Ko), "₩1,299,000");
        assert_eq!(format_money(&m("1299", Currency::CNY), Locale::Ja), "CN¥1,299.00");
        assert_eq!(format_date(date!(2026 - 12 - 22), Locale::Ja), "2026年12月22日");
        assert_eq!(format_date(date!(2026 - 12 - 22), Locale::ZhHant), "2026年12月22日");
        assert_eq!(format_date(date!(2026 - 12 - 02), Locale::Ko), "2026년 12월 2일");
        let at = datetime!(2026-11-23 11:35:59 UTC);
        assert_eq!(format_date_time(at, offset!(+9), Locale::Ko), "2026년 11월 23일 20:35");
    }
}

//! The merchant's options for one widget, read from the host element's attributes, and the clear
//! errors for options that cannot work. Parsing is pure, so it is tested natively.

use core::fmt;

use paylater_core::api::{MerchantId, OrderId};
use paylater_core::locale::{Locale, UnknownLocale};
use paylater_core::{Currency, Money, MoneyError};

use crate::i18n::json::{Entry, object_entries};
use crate::i18n::{Key, Overrides, intern, placeholders, quoted_list, same_placeholders, t};
use paylater_core::json::Quoted;

/// What the merchant configured for one widget.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WidgetOptions {
    /// The order total, more than zero.
    pub amount: Money,
    pub merchant_id: MerchantId,
    pub order_id: OrderId,
    pub locale: Locale,
    pub api: ApiOptions,
    pub view: WidgetView,
    /// The merchant's own texts (`translations`), over the widget's.
    pub translations: Overrides,
}

/// What the widget shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum WidgetView {
    /// Pay later at checkout (the default).
    #[default]
    Checkout,
    /// The shopper's bills, early repayment and repayment records.
    Bills,
    /// Both, checkout first.
    Both,
}

/// Which API the widget talks to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiOptions {
    /// The in-browser mock (the default): `token` picks a demo shopper.
    Mock { token: String, latency_ms: u32 },
    /// The provider's API at `base_url`, with the shopper's session token.
    Http { base_url: String, token: String, timeout_ms: u32 },
}

/// The options that can change after mounting (attributes watched on the host).
pub const LIVE_OPTIONS: [&str; 7] =
    ["amount", "currency", "locale", "merchant-id", "order-id", "options-error", "translations"];

/// The demo shopper the mock uses when no token is given.
pub const DEFAULT_MOCK_TOKEN: &str = "demo-good";
/// How long an API call may take before it counts as timed out.
pub const DEFAULT_TIMEOUT_MS: u32 = 15_000;

/// Why the options cannot be used. `Display` is the message for the merchant's developer (console).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OptionsError {
    MissingAmount,
    InvalidAmount(MoneyError),
    AmountNotPositive(String),
    UnknownCurrency(String),
    UnknownLocale(UnknownLocale),
    InvalidApiBaseUrl(String),
    MissingSessionToken,
    /// A build without the in-browser mock was given no API.
    MissingApiBaseUrl,
    InvalidNumber {
        attribute: &'static str,
        value: String,
    },
    UnknownView(String),
    /// `translations` that cannot be used: what is wrong, and how to write it.
    InvalidTranslations(String),
    /// Found by the JavaScript embedding layer (`PayLater.mount`), e.g. an amount given as a number.
    Embedding(String),
}

impl fmt::Display for OptionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[pay-later] ")?;
        match self {
            OptionsError::MissingAmount => {
                f.write_str("no amount: set data-amount to the order total as a decimal string, e.g. data-amount=\"1299.00\"")
            }
            OptionsError::InvalidAmount(e) => write!(f, "data-amount: {e}"),
            OptionsError::AmountNotPositive(a) => write!(f, "data-amount {} must be more than zero", Quoted(a)),
            OptionsError::UnknownCurrency(c) => {
                write!(f, "data-currency {} is not supported: use one of CNY, HKD, USD, EUR, JPY, KRW", Quoted(c))
            }
            OptionsError::UnknownLocale(e) => write!(f, "data-locale: {e}"),
            OptionsError::MissingApiBaseUrl => f.write_str(
                "data-api-base-url is missing: this build of the widget has no in-browser mock, so give the provider's API origin, e.g. data-api-base-url=\"https://api.example.com\", and data-session-token",
            ),
            OptionsError::InvalidApiBaseUrl(url) => write!(
                f,
                "data-api-base-url {} is not an http(s) URL: write the API's origin, e.g. \"https://api.example.com\", or leave it out to use the in-browser mock",
                Quoted(url)
            ),
            OptionsError::MissingSessionToken => f.write_str(
                "data-session-token is missing: with data-api-base-url, pass the shopper's session token that your server got from the provider",
            ),
            OptionsError::Embedding(message) => f.write_str(message),
            OptionsError::UnknownView(view) => {
                write!(f, "data-view {} is not a view: use \"checkout\", \"bills\" or \"both\"", Quoted(view))
            }
            OptionsError::InvalidTranslations(why) => write!(
                f,
                "translations: {why}. Write a JSON object of the widget's text keys (those of locales/en.json), e.g. {{\"offer.title\": \"Buy now, pay later\"}}, or per language, {{\"ja\": {{\"offer.title\": \"…\"}}}}"
            ),
            OptionsError::InvalidNumber { attribute, value } => {
                write!(f, "{attribute} {} must be a whole number of milliseconds, e.g. \"15000\"", Quoted(value))
            }
        }
    }
}

impl std::error::Error for OptionsError {}

/// The language a widget shows, one rule on mount and on every change of its options: its
/// `locale` option (a tag the widget does not know is an error the merchant must fix), else the
/// `lang` of the page around the host (one it does not know counts as none: a page may be in any
/// language), else Simplified Chinese. A blank option counts as none.
pub fn resolve_locale(option: Option<&str>, page_lang: Option<&str>) -> Result<Locale, UnknownLocale> {
    match option.map(str::trim).filter(|tag| !tag.is_empty()) {
        Some(tag) => tag.parse(),
        None => Ok(page_lang.and_then(|tag| tag.parse().ok()).unwrap_or_default()),
    }
}

/// The language to show even while the options are wrong (their notice): [`resolve_locale`], or
/// the page's when the `locale` option itself is what is wrong.
pub fn shown_locale(option: Option<&str>, page_lang: Option<&str>) -> Locale {
    resolve_locale(option, page_lang).unwrap_or_else(|_| resolve_locale(None, page_lang).unwrap_or_default())
}

/// Reads options through `attribute` (`"amount"` → the host's `data-amount`), with `page_lang`
/// the `lang` of the page around the host (for [`resolve_locale`]).
/// Defaults: currency CNY, merchant and order ids empty.
pub fn parse_options(
    attribute: impl Fn(&str) -> Option<String>,
    page_lang: Option<&str>,
) -> Result<WidgetOptions, OptionsError> {
    if let Some(message) = attribute("options-error").filter(|m| !m.trim().is_empty()) {
        return Err(OptionsError::Embedding(message));
    }
    let currency = match attribute("currency") {
        None => Currency::CNY,
        Some(code) => code.trim().parse().map_err(|_| OptionsError::UnknownCurrency(code.clone()))?,
    };
    let amount_text = attribute("amount").ok_or(OptionsError::MissingAmount)?;
    let amount = Money::parse(amount_text.trim(), currency).map_err(OptionsError::InvalidAmount)?;
    if amount.is_zero() || amount.is_negative() {
        return Err(OptionsError::AmountNotPositive(amount_text));
    }
    let locale = resolve_locale(attribute("locale").as_deref(), page_lang).map_err(OptionsError::UnknownLocale)?;
    Ok(WidgetOptions {
        amount,
        merchant_id: attribute("merchant-id").unwrap_or_default().into(),
        order_id: attribute("order-id").unwrap_or_default().into(),
        locale,
        api: parse_api(&attribute)?,
        view: match attribute("view").as_deref().map(str::trim) {
            None | Some("checkout") => WidgetView::Checkout,
            Some("bills") => WidgetView::Bills,
            Some("both") => WidgetView::Both,
            Some(other) => return Err(OptionsError::UnknownView(other.to_owned())),
        },
        translations: match attribute("translations") {
            None => Overrides::default(),
            Some(json) => parse_translations(&json).map_err(OptionsError::InvalidTranslations)?,
        },
    })
}

/// A merchant's `translations`: `{"key": "text"}` for every language, and `{"<locale>": {"key":
/// "text"}}` for one. Every key must be one of the widget's, and every text must keep the
/// placeholders of the text it replaces (an override without `{amount}` would hide an amount).
pub fn parse_translations(json: &str) -> Result<Overrides, String> {
    let mut overrides = Overrides::default();
    let text = |id: &str, text: Option<String>| -> Result<(Key, &'static str), String> {
        let key = Key::from_id(id).ok_or_else(|| format!("{} is not a text of the widget", Quoted(id)))?;
        let text = text.ok_or_else(|| format!("the text of {} must be a string", Quoted(id)))?;
        let english = t(Locale::En, key);
        if !same_placeholders(&text, english) {
            return Err(format!(
                "the text of {} must keep the placeholders {}",
                Quoted(id),
                quoted_list(&placeholders(english))
            ));
        }
        Ok((key, intern(text)))
    };
    for (name, entry) in object_entries(json)? {
        match entry {
            Entry::Texts(texts) => {
                let locale: Locale = name.parse().map_err(|e: UnknownLocale| e.to_string())?;
                for (id, value) in texts {
                    let (key, value) = text(&id, value)?;
                    overrides.texts.push((Some(locale), key, value));
                }
            }
            Entry::Text(value) => {
                let (key, value) = text(&name, Some(value))?;
                overrides.texts.push((None, key, value));
            }
            // An unknown key first, else "must be a string".
            Entry::Other => {
                text(&name, None)?;
            }
        }
    }
    Ok(overrides)
}

fn millis(attribute: &'static str, value: Option<String>, default: u32) -> Result<u32, OptionsError> {
    match value {
        None => Ok(default),
        Some(text) => text.trim().parse().map_err(|_| OptionsError::InvalidNumber { attribute, value: text }),
    }
}

/// The API part of the options alone.
pub fn parse_api(attribute: &impl Fn(&str) -> Option<String>) -> Result<ApiOptions, OptionsError> {
    let token = attribute("session-token").map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
    match attribute("api-base-url").map(|u| u.trim().to_owned()).filter(|u| !u.is_empty()) {
        None if !cfg!(any(feature = "mock", feature = "page-mock")) => Err(OptionsError::MissingApiBaseUrl),
        None => Ok(ApiOptions::Mock {
            token: token.unwrap_or_else(|| DEFAULT_MOCK_TOKEN.to_owned()),
            latency_ms: millis("data-mock-latency-ms", attribute("mock-latency-ms"), 0)?,
        }),
        Some(url) => {
            let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
            let host = url.split_once("://").map(|(_, rest)| rest).unwrap_or("");
            if !scheme_ok || host.is_empty() || host.contains(char::is_whitespace) {
                return Err(OptionsError::InvalidApiBaseUrl(url));
            }
            Ok(ApiOptions::Http {
                base_url: url,
                token: token.ok_or(OptionsError::MissingSessionToken)?,
                timeout_ms: millis("data-timeout-ms", attribute("timeout-ms"), DEFAULT_TIMEOUT_MS)?,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_exactly(pairs: &[(&str, &str)]) -> Result<WidgetOptions, OptionsError> {
        parse_options(|name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_owned()), None)
    }

    /// `pairs`, and in the merchant build (no mock, which needs an API) a default API unless the
    /// test gives one, so that the tests of other options hold in both builds.
    fn parse(pairs: &[(&str, &str)]) -> Result<WidgetOptions, OptionsError> {
        parse_on_page(pairs, None)
    }

    /// [`parse`] for a host in a page whose `lang` is `page_lang`.
    fn parse_on_page(pairs: &[(&str, &str)], page_lang: Option<&str>) -> Result<WidgetOptions, OptionsError> {
        let given = |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_owned());
        parse_options(
            |name| {
                given(name).or_else(|| match name {
                    "api-base-url" if !cfg!(feature = "mock") => Some("https://a.example".to_owned()),
                    "session-token" if !cfg!(feature = "mock") && given("api-base-url").is_none() => {
                        Some("t".to_owned())
                    }
                    _ => None,
                })
            },
            page_lang,
        )
    }

    #[test]
    fn the_language_is_the_option_else_the_page_else_simplified_chinese() {
        assert_eq!(parse_on_page(&[("amount", "5"), ("locale", "ja")], Some("ko")).unwrap().locale, Locale::Ja);
        assert_eq!(parse_on_page(&[("amount", "5")], Some("ko-KR")).unwrap().locale, Locale::Ko);
        assert_eq!(parse_on_page(&[("amount", "5")], Some("zh-HK")).unwrap().locale, Locale::ZhHant);
        assert_eq!(parse_on_page(&[("amount", "5"), ("locale", " ")], Some("en")).unwrap().locale, Locale::En);
        // A page in a language the widget does not have: its default, not an error.
        assert_eq!(parse_on_page(&[("amount", "5")], Some("fr")).unwrap().locale, Locale::ZhCn);
        assert_eq!(parse_on_page(&[("amount", "5")], None).unwrap().locale, Locale::ZhCn);
        // A locale option it does not know is the merchant's to fix; meanwhile the notice is in
        // the page's language.
        assert!(matches!(
            parse_on_page(&[("amount", "5"), ("locale", "fr")], Some("en")),
            Err(OptionsError::UnknownLocale(_))
        ));
        assert_eq!(shown_locale(Some("fr"), Some("en")), Locale::En);
        assert_eq!(shown_locale(Some("ja"), Some("en")), Locale::Ja);
        assert_eq!(shown_locale(None, None), Locale::ZhCn);
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
        assert!(parse(&[]).unwrap_err().to_string().contains("data-amount=\"1299.00\""));
        assert!(matches!(parse(&[("amount", "1299.001")]), Err(OptionsError::InvalidAmount(_))));
        assert!(matches!(parse(&[("amount", "1.2e3")]), Err(OptionsError::InvalidAmount(_))));
        assert!(matches!(parse(&[("amount", "-5.00")]), Err(OptionsError::AmountNotPositive(_))));
        assert!(matches!(parse(&[("amount", "0")]), Err(OptionsError::AmountNotPositive(_))));
        assert!(matches!(parse(&[("amount", "5"), ("currency", "XYZ")]), Err(OptionsError::UnknownCurrency(_))));
        assert!(matches!(parse(&[("amount", "5"), ("locale", "fr")]), Err(OptionsError::UnknownLocale(_))));
        assert!(matches!(parse(&[("amount", "5.5"), ("currency", "JPY")]), Err(OptionsError::InvalidAmount(_))));
    }

    #[test]
    #[cfg(not(feature = "mock"))]
    fn the_merchant_build_has_no_mock_and_needs_an_api() {
        assert!(matches!(parse_exactly(&[("amount", "5")]), Err(OptionsError::MissingApiBaseUrl)));
        assert!(matches!(
            parse_exactly(&[("amount", "5"), ("session-token", "t")]),
            Err(OptionsError::MissingApiBaseUrl)
        ));
        assert!(OptionsError::MissingApiBaseUrl.to_string().contains("data-api-base-url"));
        assert_eq!(
            parse_exactly(&[("amount", "5"), ("api-base-url", "https://a.example"), ("session-token", "t")])
                .unwrap()
                .api,
            ApiOptions::Http { base_url: "https://a.example".into(), token: "t".into(), timeout_ms: 15_000 }
        );
    }

    #[test]
    #[cfg(feature = "mock")]
    fn the_mock_is_the_default_and_http_needs_a_url_and_a_token() {
        assert_eq!(
            parse_exactly(&[("amount", "5")]).unwrap().api,
            ApiOptions::Mock { token: "demo-good".into(), latency_ms: 0 }
        );
        let mock =
            parse_exactly(&[("amount", "5"), ("session-token", "demo-new"), ("mock-latency-ms", "300")]).unwrap();
        assert_eq!(mock.api, ApiOptions::Mock { token: "demo-new".into(), latency_ms: 300 });
        let http = parse_exactly(&[("amount", "5"), ("api-base-url", "http://127.0.0.1:8787"), ("session-token", "t")])
            .unwrap();
        assert_eq!(
            http.api,
            ApiOptions::Http { base_url: "http://127.0.0.1:8787".into(), token: "t".into(), timeout_ms: 15_000 }
        );
        assert_eq!(
            parse_exactly(&[("amount", "5"), ("api-base-url", "http://x")]),
            Err(OptionsError::MissingSessionToken)
        );
        for bad in ["ftp://x", "javascript:alert(1)", "http://", "//api.example.com"] {
            let parsed = parse_exactly(&[("amount", "5"), ("api-base-url", bad), ("session-token", "t")]);
            assert!(matches!(parsed, Err(OptionsError::InvalidApiBaseUrl(_))), "{bad}");
        }
        let slow = parse_exactly(&[
            ("amount", "5"),
            ("api-base-url", "https://a"),
            ("session-token", "t"),
            ("timeout-ms", "soon"),
        ]);
        assert!(matches!(slow, Err(OptionsError::InvalidNumber { attribute: "data-timeout-ms", .. })));
    }

    #[test]
    fn translations_override_texts_and_say_what_is_wrong() {
        let o = parse(&[
            ("amount", "5"),
            ("translations", r#"{"offer.title": "Buy now, pay later", "ja": {"offer.title": "後払い"}}"#),
        ])
        .unwrap();
        assert_eq!(o.translations.get(Locale::En, Key::OfferTitle), Some("Buy now, pay later"));
        assert_eq!(o.translations.get(Locale::Ja, Key::OfferTitle), Some("後払い"));
        assert_eq!(o.translations.get(Locale::Ja, Key::ConfirmButton), None);
        let wrong = |json: &str| match parse(&[("amount", "5"), ("translations", json)]) {
            Err(OptionsError::InvalidTranslations(why)) => why,
            other => panic!("{json}: {other:?}"),
        };
        assert_eq!(wrong(r#"{"offer.titel": "x"}"#), "\"offer.titel\" is not a text of the widget");
        assert!(wrong(r#"{"offer.from_per_month": "Monthly"}"#).contains("placeholders [\"amount\"]"));
        assert!(wrong(r#"{"fr": {"offer.title": "x"}}"#).contains("unknown locale"));
        assert!(wrong(r#"{"offer.title": 5}"#).contains("must be a string"));
        assert_eq!(wrong("[]"), "not a JSON object");
        assert!(wrong("{").starts_with("not JSON"));
        let message = OptionsError::InvalidTranslations("x".into()).to_string();
        assert!(message.contains("locales/en.json"), "{message}");
    }

    #[test]
    fn views() {
        assert_eq!(parse(&[("amount", "5")]).unwrap().view, WidgetView::Checkout);
        assert_eq!(parse(&[("amount", "5"), ("view", "bills")]).unwrap().view, WidgetView::Bills);
        assert_eq!(parse(&[("amount", "5"), ("view", "both")]).unwrap().view, WidgetView::Both);
        assert!(matches!(parse(&[("amount", "5"), ("view", "cart")]), Err(OptionsError::UnknownView(_))));
    }
}

/// Any sequence of option changes (the host's attributes, or `update`) leaves every option it did
/// not touch as it was, the language that came from the page included, for each language.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod updates {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::*;

    /// The options a change can touch, with values that parse (so that a change never turns the
    /// options into an error, which would hide what it kept).
    fn change() -> impl Strategy<Value = (&'static str, Option<String>)> {
        prop_oneof![
            prop::sample::select(vec!["0.01", "88", "1299.00", "1599.5", "100000.00"])
                .prop_map(|a| ("amount", Some(a.to_owned()))),
            prop::sample::select(vec![None, Some("CNY"), Some("HKD"), Some("USD"), Some("EUR")])
                .prop_map(|c| ("currency", c.map(str::to_owned))),
            prop::option::of("[A-Z0-9-]{1,8}").prop_map(|m| ("merchant-id", m)),
            prop::option::of("[A-Z0-9-]{1,8}").prop_map(|o| ("order-id", o)),
            prop::sample::select(vec![None, Some(r#"{"offer.title": "Buy now, pay later"}"#), Some("{}")])
                .prop_map(|t| ("translations", t.map(str::to_owned))),
            prop::sample::select(vec![None, Some("en"), Some("ja"), Some("ko-KR"), Some("zh-HK"), Some("zh-CN")])
                .prop_map(|l| ("locale", l.map(str::to_owned))),
        ]
    }

    fn parsed(attributes: &BTreeMap<&'static str, String>, page_lang: Option<&str>) -> WidgetOptions {
        let read = |name: &str| {
            attributes.get(name).cloned().or_else(|| match name {
                "api-base-url" if !cfg!(feature = "mock") => Some("https://a.example".to_owned()),
                "session-token" if !cfg!(feature = "mock") => Some("t".to_owned()),
                _ => None,
            })
        };
        parse_options(read, page_lang).expect("every change in this test is a valid option")
    }

    proptest! {
        #[test]
        fn a_change_keeps_what_it_does_not_touch(
            (page_lang, from_page) in prop::sample::select(vec![
                (None, Locale::ZhCn),
                (Some("en"), Locale::En),
                (Some("en-US"), Locale::En),
                (Some("ja"), Locale::Ja),
                (Some("ko"), Locale::Ko),
                (Some("zh-HK"), Locale::ZhHant),
                (Some("zh-TW"), Locale::ZhHant),
                (Some("zh-CN"), Locale::ZhCn),
                (Some("fr"), Locale::ZhCn),
            ]),
            changes in prop::collection::vec(change(), 1..12),
        ) {
            let mut attributes = BTreeMap::from([("amount", "1299.00".to_owned())]);
            let mut before = parsed(&attributes, page_lang);
            prop_assert_eq!(before.locale, from_page);
            for (name, value) in changes {
                match value {
                    Some(v) => attributes.insert(name, v),
                    None if name == "amount" => continue,
                    None => attributes.remove(name),
                };
                let after = parsed(&attributes, page_lang);
                // The language: the option while there is one, else the page's, whatever changed.
                let expected = attributes.get("locale").map_or(from_page, |tag| tag.parse().unwrap_or_default());
                prop_assert_eq!(after.locale, expected, "after {} changed", name);
                if name != "locale" {
                    prop_assert_eq!(after.locale, before.locale);
                }
                if !matches!(name, "amount" | "currency") {
                    prop_assert_eq!(&after.amount, &before.amount);
                }
                if name != "merchant-id" {
                    prop_assert_eq!(&after.merchant_id, &before.merchant_id);
                }
                if name != "order-id" {
                    prop_assert_eq!(&after.order_id, &before.order_id);
                }
                if name != "translations" {
                    prop_assert_eq!(&after.translations, &before.translations);
                }
                prop_assert_eq!(&after.api, &before.api);
                prop_assert_eq!(after.view, before.view);
                before = after;
            }
        }
    }
}

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
    /// The order total, more than zero; zero for `view="bills"` given none (no order is shown).
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
pub const LIVE_OPTIONS: [&str; 6] = ["amount", "currency", "locale", "merchant-id", "order-id", "translations"];

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
                f.write_str("no amount: set data-amount to the order total as a decimal string, e.g. data-amount=\"1299.00\" (only data-view=\"bills\" needs none)")
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
/// the `lang` of the page around the host (for [`resolve_locale`]), and `embedding` what
/// `PayLater.mount` or `update` were given that cannot be an option (an amount as a number…),
/// handed over by `pay-later.js` (never through the page's DOM).
/// Defaults: currency CNY, merchant and order ids empty.
pub fn parse_options(
    attribute: impl Fn(&str) -> Option<String>,
    page_lang: Option<&str>,
    embedding: Option<&str>,
) -> Result<WidgetOptions, OptionsError> {
    if let Some(message) = embedding.filter(|m| !m.trim().is_empty()) {
        return Err(OptionsError::Embedding(message.to_owned()));
    }
    let currency = match attribute("currency") {
        None => Currency::CNY,
        Some(code) => code.trim().parse().map_err(|_| OptionsError::UnknownCurrency(code.clone()))?,
    };
    let view = match attribute("view").as_deref().map(str::trim) {
        None | Some("checkout") => WidgetView::Checkout,
        Some("bills") => WidgetView::Bills,
        Some("both") => WidgetView::Both,
        Some(other) => return Err(OptionsError::UnknownView(other.to_owned())),
    };
    let amount = match attribute("amount") {
        // An account page has no order: the bills view needs no amount (one given is checked).
        None if view == WidgetView::Bills => Money::zero(currency),
        None => return Err(OptionsError::MissingAmount),
        Some(amount_text) => {
            let amount = Money::parse(amount_text.trim(), currency).map_err(OptionsError::InvalidAmount)?;
            if amount.is_zero() || amount.is_negative() {
                return Err(OptionsError::AmountNotPositive(amount_text));
            }
            amount
        }
    };
    let locale = resolve_locale(attribute("locale").as_deref(), page_lang).map_err(OptionsError::UnknownLocale)?;
    Ok(WidgetOptions {
        amount,
        merchant_id: attribute("merchant-id").unwrap_or_default().into(),
        order_id: attribute("order-id").unwrap_or_default().into(),
        locale,
        api: parse_api(&attribute)?,
        view,
        translations: match attribute("translations") {
            None => Overrides::default(),
            Some(json) => parse_translations(&json).map_err(OptionsError::InvalidTranslations)?,
        },
    })
}

/// A merchant's `translations`: `{"key": "text"}` for every language, and `{"<locale>": {"key":
/// "text"}}` for one. Every key must be one of the widget's, and every text must keep the
/// placeholders of the text it replaces (an override without `{amount}` would hide an amount), as
/// checked by the module that shows it.
pub fn parse_translations(json: &str) -> Result<Overrides, String> {
    let mut overrides = Overrides::default();
    let text = |id: &str, text: Option<String>| -> Result<(Key, &'static str), String> {
        let key = Key::from_id(id).ok_or_else(|| format!("{} is not a text of the widget", Quoted(id)))?;
        let text = text.ok_or_else(|| format!("the text of {} must be a string", Quoted(id)))?;
        let english = t(Locale::En, key);
        // (A text of a view this module does not show has no English here: the module that shows
        // it checks it.)
        if !english.is_empty() && !same_placeholders(&text, english) {
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
mod tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod updates;

//! Every string the shopper sees, under typed keys ([`Key`]): the texts live in `locales/*.json`
//! (`en.json` defines the keys), and `build.rs` turns them into the `Key` enum and the tables, and
//! refuses a locale file that lacks a key or whose placeholders differ from English. A misspelt
//! key does not compile.
//!
//! English is built in; every other language (Simplified and Traditional Chinese, Japanese,
//! Korean) is loaded on demand (`pay-later.js` fetches `pay-later-locale-<tag>.json` beside the
//! module, before mounting a widget in that language, and hands it to [`load_messages`]), so a
//! module carries one language's texts, not five. English is the fallback for a text a locale lacks, and a merchant's
//! `translations` option ([`Translations`], from the widget's context) overrides any text.

pub mod json;

use std::cell::RefCell;

use leptos::prelude::*;
use paylater_core::json::Quoted;
use paylater_core::locale::Locale;

include!(concat!(env!("OUT_DIR"), "/i18n_keys.rs"));

type Table = [&'static str; Key::COUNT];

thread_local! {
    /// The tables loaded on demand (kept for the page's life: a few KB each).
    static LOADED: RefCell<Vec<(Locale, &'static Table)>> = const { RefCell::new(Vec::new()) };
}

fn table(locale: Locale) -> Option<&'static Table> {
    match locale {
        Locale::En => Some(&EN),
        other => LOADED.with(|loaded| loaded.borrow().iter().find(|(l, _)| *l == other).map(|(_, t)| *t)),
    }
}

/// Whether `locale`'s texts are in this module (built in, or loaded).
pub fn has_messages(locale: Locale) -> bool {
    table(locale).is_some()
}

impl Key {
    /// The key named `id` in the locale files (`"offer.title"`).
    pub fn from_id(id: &str) -> Option<Key> {
        IDS.iter().position(|i| *i == id).and_then(|index| Key::ALL.get(index).copied())
    }
}

/// `{name}` placeholders of a text, in order.
pub fn placeholders(text: &str) -> Vec<&str> {
    text.split('{').skip(1).filter_map(|p| p.split_once('}').map(|(n, _)| n)).collect()
}

/// `["amount", "date"]`: a list of names for a message (quoted as `{:?}` would, which size builds
/// compile to nothing).
pub fn quoted_list(names: &[&str]) -> String {
    paylater_core::json::to_string(names).unwrap_or_default()
}

/// Whether two texts have the same placeholders (in any order).
pub fn same_placeholders(a: &str, b: &str) -> bool {
    let (a, b) = (placeholders(a), placeholders(b));
    a.len() == b.len() && a.iter().all(|p| b.contains(p)) && b.iter().all(|p| a.contains(p))
}

/// Takes `locale`'s texts from its file (`locales/<tag>.json`, a JSON object of key → text). A
/// key the widget does not know, or a text whose placeholders differ from English, is refused
/// with the reason; a key the file lacks stays in English, and one of a view this module does not
/// show is skipped. Returns how many texts were taken.
pub fn load_messages(locale: Locale, json: &str) -> Result<usize, String> {
    let entries = json::object_entries(json)
        .map_err(|e| format!("the {} texts are not a JSON object of strings: {e}", locale.tag()))?;
    let mut texts: Table = [""; Key::COUNT];
    for (id, entry) in entries {
        let key = Key::from_id(&id)
            .ok_or_else(|| format!("the {} texts have an unknown key {}", locale.tag(), Quoted(&id)))?;
        let json::Entry::Text(text) = entry else {
            return Err(format!("the {} text of {} is not a string", locale.tag(), Quoted(&id)));
        };
        // A text of a view this module does not show (build.rs left its English out): not kept.
        if EN.get(key as usize).is_none_or(|english| english.is_empty()) {
            continue;
        }
        if !same_placeholders(&text, t(Locale::En, key)) {
            return Err(format!(
                "the {} text of {} must keep the placeholders {}",
                locale.tag(),
                Quoted(&id),
                quoted_list(&placeholders(t(Locale::En, key)))
            ));
        }
        if let Some(slot) = texts.get_mut(key as usize) {
            *slot = intern(text);
        }
    }
    let count = texts.iter().filter(|t| !t.is_empty()).count();
    let texts: &'static Table = Box::leak(Box::new(texts));
    LOADED.with(|loaded| {
        let mut loaded = loaded.borrow_mut();
        loaded.retain(|(l, _)| *l != locale);
        loaded.push((locale, texts));
    });
    Ok(count)
}

thread_local! {
    static INTERNED: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
}

/// A text kept for the page's life, once per distinct text (loaded locales and merchants'
/// overrides: remounting with the same overrides takes no more memory).
pub fn intern(text: String) -> &'static str {
    INTERNED.with(|set| {
        let mut set = set.borrow_mut();
        if let Some(found) = set.iter().copied().find(|t| *t == text) {
            return found;
        }
        let leaked: &'static str = Box::leak(text.into_boxed_str());
        set.push(leaked);
        leaked
    })
}

/// A merchant's overrides of the widget's texts (the `translations` option), in context: by key
/// for every language, or for one language.
#[derive(Clone, Default, Debug, PartialEq, Eq)]
pub struct Overrides {
    /// `(None, key, text)` for every language, `(Some(locale), key, text)` for one.
    pub texts: Vec<(Option<Locale>, Key, &'static str)>,
}

impl Overrides {
    /// The override of `key` in `locale`: the language's own first, else the one for all.
    pub fn get(&self, locale: Locale, key: Key) -> Option<&'static str> {
        let find = |l: Option<Locale>| self.texts.iter().find(|(ol, ok, _)| *ol == l && *ok == key).map(|(_, _, t)| *t);
        find(Some(locale)).or_else(|| find(None))
    }
}

/// The widget's overrides, provided by the mount.
#[derive(Clone, Copy)]
pub struct Translations(pub Signal<Overrides>);

/// The text for `key` in `locale`: the merchant's override if the widget has one, else the
/// locale's text, else English.
pub fn t(locale: Locale, key: Key) -> &'static str {
    if let Some(Translations(overrides)) = use_context::<Translations>()
        && let Some(text) = overrides.with(|o| o.get(locale, key))
    {
        return text;
    }
    let index = key as usize;
    table(locale)
        .and_then(|table| table.get(index).copied())
        .filter(|t| !t.is_empty())
        .or_else(|| EN.get(index).copied())
        .unwrap_or_default()
}

/// [`t`] with `{name}` placeholders filled in.
pub fn t_with(locale: Locale, key: Key, args: &[(&str, &str)]) -> String {
    let mut text = t(locale, key).to_owned();
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_an_english_text() {
        for key in Key::ALL {
            assert!(!t(Locale::En, key).trim().is_empty(), "{}", key.id());
        }
        assert_eq!(Key::ALL.len(), Key::COUNT);
    }

    /// The locales loaded on demand, from their files as the page gets them: every key, the same
    /// placeholders (build.rs checks the files too), and English until loaded.
    #[test]
    fn the_locales_loaded_on_demand_have_every_key_and_take_over_once_loaded() {
        for (locale, file) in [
            (Locale::ZhCn, include_str!("../../locales/zh-CN.json")),
            (Locale::ZhHant, include_str!("../../locales/zh-Hant.json")),
            (Locale::Ja, include_str!("../../locales/ja.json")),
            (Locale::Ko, include_str!("../../locales/ko.json")),
        ] {
            assert_eq!(t(locale, Key::OfferTitle), "Pay later", "{locale:?} before loading: English");
            assert!(!has_messages(locale));
            assert_eq!(load_messages(locale, file), Ok(Key::COUNT), "{locale:?}");
            assert!(has_messages(locale));
            for key in Key::ALL {
                assert!(same_placeholders(t(locale, key), t(Locale::En, key)), "{locale:?} {}", key.id());
            }
            assert_ne!(t(locale, Key::ConfirmButton), t(Locale::En, Key::ConfirmButton), "{locale:?} is translated");
        }
        assert_eq!(
            load_messages(Locale::Ja, r#"{"offer.titel": "x"}"#),
            Err("the ja texts have an unknown key \"offer.titel\"".into())
        );
        assert!(load_messages(Locale::Ja, r#"{"offer.from_per_month": "毎月"}"#).unwrap_err().contains("placeholders"));
        assert!(load_messages(Locale::Ja, "[1, 2]").unwrap_err().contains("not a JSON object"));
        assert!(load_messages(Locale::Ja, r#"{"offer.title": 5}"#).unwrap_err().contains("is not a string"));
        assert!(!same_placeholders("{a} {b}", "{a}"));
        assert!(same_placeholders("{b} and {a}", "{a}, {b}"));
    }

    #[test]
    fn keys_name_their_entries_and_fill_their_placeholders() {
        assert_eq!(Key::OfferTitle.id(), "offer.title");
        assert_eq!(load_messages(Locale::ZhCn, include_str!("../../locales/zh-CN.json")), Ok(Key::COUNT));
        assert_eq!(t(Locale::ZhCn, Key::OfferTitle), "先享后付");
        assert_eq!(t(Locale::En, Key::OfferTitle), "Pay later");
        assert_eq!(t_with(Locale::En, Key::OfferFromPerMonth, &[("amount", "¥117.78")]), "From ¥117.78 / month");
    }
}

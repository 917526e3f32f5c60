//! Every string the shopper sees, under typed keys ([`Key`]): the texts live in `locales/*.json`
//! (`en.json` defines the keys), and `build.rs` turns them into the `Key` enum and the tables, and
//! refuses a locale file that lacks a key or whose placeholders differ from English. A misspelt
//! key does not compile.
//!
//! English is built in and is the fallback; a text missing from a locale shows in English.

use paylater_core::locale::Locale;

include!(concat!(env!("OUT_DIR"), "/i18n_keys.rs"));

fn table(locale: Locale) -> &'static [&'static str; Key::COUNT] {
    match locale {
        Locale::ZhCn => &ZH_CN,
        Locale::En => &EN,
    }
}

/// The text for `key` in `locale`, else in English.
pub fn t(locale: Locale, key: Key) -> &'static str {
    let index = key as usize;
    table(locale).get(index).copied().filter(|t| !t.is_empty()).or_else(|| EN.get(index).copied()).unwrap_or_default()
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
    fn every_key_has_a_text_in_every_locale() {
        for locale in Locale::ALL {
            for key in Key::ALL {
                assert!(!t(locale, key).trim().is_empty(), "{locale:?} {}", key.id());
            }
        }
        assert_eq!(Key::ALL.len(), Key::COUNT);
    }

    #[test]
    fn placeholders_match_across_locales() {
        let placeholders = |s: &str| {
            let mut names: Vec<String> =
                s.split('{').skip(1).filter_map(|p| p.split_once('}').map(|(n, _)| n.to_owned())).collect();
            names.sort();
            names
        };
        for key in Key::ALL {
            assert_eq!(placeholders(t(Locale::En, key)), placeholders(t(Locale::ZhCn, key)), "{}", key.id());
        }
    }

    #[test]
    fn keys_name_their_entries_and_fill_their_placeholders() {
        assert_eq!(Key::OfferTitle.id(), "offer.title");
        assert_eq!(t(Locale::ZhCn, Key::OfferTitle), "先享后付");
        assert_eq!(t(Locale::En, Key::OfferTitle), "Pay later");
        assert_eq!(t_with(Locale::En, Key::OfferFromPerMonth, &[("amount", "¥117.78")]), "From ¥117.78 / month");
    }
}

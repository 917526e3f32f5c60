//! Any sequence of option changes (the host's attributes, or `update`) leaves every option it did
//! not touch as it was, the language that came from the page included, for each language.

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
    parse_options(read, page_lang, None).expect("every change in this test is a valid option")
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

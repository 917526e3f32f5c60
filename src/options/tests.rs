//! The options' rules: parsing, the language with its page fallback, what a change keeps.

use super::*;

fn parse_exactly(pairs: &[(&str, &str)]) -> Result<WidgetOptions, OptionsError> {
    parse_options(|name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_owned()), None, None)
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
                "session-token" if !cfg!(feature = "mock") && given("api-base-url").is_none() => Some("t".to_owned()),
                _ => None,
            })
        },
        page_lang,
        None,
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
fn the_bills_view_needs_no_amount_but_checks_one_given() {
    let bills = parse(&[("view", "bills"), ("currency", "JPY")]).unwrap();
    assert_eq!(bills.view, WidgetView::Bills);
    assert!(bills.amount.is_zero());
    assert_eq!(bills.amount.currency(), Currency::JPY);
    assert!(matches!(parse(&[("view", "bills"), ("amount", "-1")]), Err(OptionsError::AmountNotPositive(_))));
    // A checkout (alone or beside the bills) still needs the order total.
    assert_eq!(parse(&[("view", "both")]), Err(OptionsError::MissingAmount));
    assert_eq!(parse(&[("view", "checkout")]), Err(OptionsError::MissingAmount));
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
    assert!(matches!(parse_exactly(&[("amount", "5"), ("session-token", "t")]), Err(OptionsError::MissingApiBaseUrl)));
    assert!(OptionsError::MissingApiBaseUrl.to_string().contains("data-api-base-url"));
    assert_eq!(
        parse_exactly(&[("amount", "5"), ("api-base-url", "https://a.example"), ("session-token", "t")]).unwrap().api,
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
    let mock = parse_exactly(&[("amount", "5"), ("session-token", "demo-new"), ("mock-latency-ms", "300")]).unwrap();
    assert_eq!(mock.api, ApiOptions::Mock { token: "demo-new".into(), latency_ms: 300 });
    let http =
        parse_exactly(&[("amount", "5"), ("api-base-url", "http://127.0.0.1:8787"), ("session-token", "t")]).unwrap();
    assert_eq!(
        http.api,
        ApiOptions::Http { base_url: "http://127.0.0.1:8787".into(), token: "t".into(), timeout_ms: 15_000 }
    );
    assert_eq!(parse_exactly(&[("amount", "5"), ("api-base-url", "http://x")]), Err(OptionsError::MissingSessionToken));
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

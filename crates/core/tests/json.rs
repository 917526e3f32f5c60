//! The core's own JSON (issue 22: the widget carries no JSON parser): the writer gives serde_json's
//! bytes for every request body and event detail, and the value decoder gives serde_json's values
//! for every answer of the sandbox, whatever the parser that made the value. Numbers with a
//! fraction, unknown fields and wrong types are refused in words.

use paylater_core::api::*;
use paylater_core::bill::QuoteScope;
use paylater_core::json::{self, DecodeError, JsonValue, Node, SerdeJson, from_value, to_string};
use paylater_core::{Currency, Money};
use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

mod common;

fn cny(text: &str) -> Money {
    Money::parse(text, Currency::CNY).unwrap()
}

fn same_bytes<T: Serialize>(value: &T) {
    assert_eq!(to_string(value).unwrap(), serde_json::to_string(value).unwrap());
}

#[test]
fn request_bodies_are_serde_jsons_bytes() {
    same_bytes(&EligibilityRequest {
        merchant_id: "M-DEMO-SHOP".into(),
        order_id: "O\"1\\\n".into(),
        amount: cny("1299"),
    });
    same_bytes(&CreateOrderRequest {
        merchant_id: "M".into(),
        order_id: "订单-1".into(),
        amount: cny("0.01"),
        plan: paylater_core::PlanKind::Installments6,
    });
    same_bytes(&QuoteRequest { scope: QuoteScope::Settle });
    same_bytes(&QuoteRequest { scope: QuoteScope::NextInstallment });
    same_bytes(&RepaymentRequest { quote_id: "q_1".into(), payment_method_id: "pm_card_1234".into() });
    same_bytes(&ActivationRequest { agreement_version: "2026-11".into() });
    same_bytes(&Money::parse("15000", Currency::JPY).unwrap());
    same_bytes(&(Some(1u32), None::<String>, vec![true, false], -7i64, u64::MAX));
    same_bytes(&std::collections::BTreeMap::from([("b", 1), ("a", 2)]));
    same_bytes(&std::collections::BTreeMap::from([(3u8, "x")]));
}

#[test]
fn a_float_is_refused_not_written() {
    let error = to_string(&1.5f64).unwrap_err();
    assert_eq!(error.to_string(), "a float cannot be written: the contract has none");
}

proptest! {
    #[test]
    fn any_string_is_written_as_serde_json_writes_it(text in any::<String>()) {
        prop_assert_eq!(to_string(&text).unwrap(), serde_json::to_string(&text).unwrap());
        let mut out = String::new();
        json::write_str(&mut out, &text);
        prop_assert_eq!(serde_json::from_str::<String>(&out).unwrap(), text);
    }

    #[test]
    fn any_whole_number_reads_back(n in -(json::MAX_SAFE_INTEGER as i64)..=(json::MAX_SAFE_INTEGER as i64)) {
        prop_assert_eq!(json::from_str::<i64, SerdeJson>(&n.to_string()).unwrap(), n);
    }
}

/// The sandbox's real answers, with the type each is.
fn answers() -> Vec<(&'static str, u16, String)> {
    let mut sb = common::sandbox();
    let mut call = |name: &'static str, method: &str, path: &str, key: Option<&str>, body: &str| {
        let c = common::Call { key, body: body.to_owned(), ..common::Call::new(method, path, "demo-good") };
        let r = common::call(&mut sb, c, common::NOW);
        (name, r.status, r.body)
    };
    let order = r#"{"merchant_id":"M-DEMO-SHOP","order_id":"O","amount":{"amount":"1299.00","currency":"CNY"}}"#;
    let mut all = vec![
        call("offer", "GET", "/v1/offers?amount=1299.00&currency=CNY&merchant_id=M-DEMO-SHOP", None, ""),
        call("profile", "GET", "/v1/me", None, ""),
        call("agreement", "GET", "/v1/agreement", None, ""),
        call("eligibility", "POST", "/v1/eligibility", None, order),
        call("orders", "GET", "/v1/orders?status=all", None, ""),
        call("bill", "GET", "/v1/bills/bill_overdue", None, ""),
        call("bills", "GET", "/v1/bills?status=all", None, ""),
        call("refunds", "GET", "/v1/refunds", None, ""),
        call("methods", "GET", "/v1/payment-methods", None, ""),
        call("records", "GET", "/v1/repayments", None, ""),
        call("problem", "GET", "/v1/bills/nope", None, ""),
    ];
    let quote = call("quote", "POST", "/v1/bills/bill_due_soon/quotes", None, r#"{"scope":"settle"}"#);
    let quote_id = serde_json::from_str::<Quote>(&quote.2).unwrap().id;
    all.push(quote);
    let pay = format!(r#"{{"quote_id":"{quote_id}","payment_method_id":"pm_card_1234"}}"#);
    all.push(call("repayment", "POST", "/v1/repayments", Some("p"), &pay));
    all
}

fn same_value<T: DeserializeOwned + PartialEq + std::fmt::Debug>(body: &str) {
    let expected: T = serde_json::from_str(body).unwrap();
    let value: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(from_value::<T, _>(value).unwrap(), expected, "{body}");
}

#[test]
fn every_answer_decodes_from_its_parsed_value_as_serde_json_decodes_its_text() {
    for (name, status, body) in answers() {
        assert!(status < 300 || name == "problem", "{name}: {status} {body}");
        match name {
            "offer" => same_value::<Offer>(&body),
            "profile" => same_value::<Profile>(&body),
            "agreement" => same_value::<Agreement>(&body),
            "eligibility" => same_value::<Eligibility>(&body),
            "orders" => same_value::<OrderList>(&body),
            "bill" => same_value::<Bill>(&body),
            "bills" => same_value::<BillList>(&body),
            "refunds" => same_value::<RefundList>(&body),
            "methods" => same_value::<PaymentMethodList>(&body),
            "records" => same_value::<RepaymentList>(&body),
            "problem" => same_value::<Problem>(&body),
            "quote" => same_value::<Quote>(&body),
            "repayment" => same_value::<RepaymentResult>(&body),
            other => panic!("no type for {other}"),
        }
    }
}

fn refused<T: DeserializeOwned + std::fmt::Debug>(text: &str) -> String {
    json::from_str::<T, SerdeJson>(text).unwrap_err().to_string()
}

#[test]
fn what_the_contract_does_not_say_is_refused_in_words() {
    assert_eq!(
        refused::<Money>(r#"{"amount":1299.5,"currency":"CNY"}"#),
        "a number with a fraction or out of range (the contract's amounts are decimal strings)"
    );
    assert_eq!(
        refused::<Money>(r#"{"amount":1299,"currency":"CNY"}"#),
        "invalid type: integer `1299`, expected a string"
    );
    assert_eq!(refused::<u32>("9007199254740993"), json::from_str::<u32, SerdeJson>("1.5").unwrap_err().to_string());
    assert_eq!(refused::<u8>("300"), "invalid value: integer `300`, expected u8");
    assert_eq!(refused::<bool>(r#""yes""#), "invalid type: string \"yes\", expected a boolean");
    assert_eq!(refused::<Vec<u8>>("{}"), "invalid type: an object, expected a sequence");
    assert!(refused::<QuoteRequest>(r#"{"scope":"settle","extra":1}"#).contains("unknown field `extra`"));
    assert!(refused::<QuoteRequest>("{}").contains("missing field `scope`"));
    assert!(refused::<QuoteRequest>(r#"{"scope":"all"}"#).contains("unknown variant `all`"));
    assert!(refused::<Eligibility>("not json").starts_with("expected ident"));
    assert_eq!(refused::<(u8, u8)>("[1,2,3]"), "invalid length 3, expected fewer elements in the array");
}

/// A parser other than serde_json (as the browser's is): the decoding sees only nodes.
#[derive(Clone)]
enum Tiny {
    Text(&'static str),
    Count(i64),
    Fraction,
    Members(Vec<(String, Tiny)>),
}

impl JsonValue for Tiny {
    fn into_node(self) -> Node<Tiny> {
        match self {
            Tiny::Text(t) => Node::String(t.to_owned()),
            Tiny::Count(n) => Node::Integer(n),
            Tiny::Fraction => Node::OtherNumber,
            Tiny::Members(m) => Node::Object(m),
        }
    }
}

#[test]
fn any_parser_feeds_the_same_decoding() {
    let money = Tiny::Members(vec![("amount".into(), Tiny::Text("12.50")), ("currency".into(), Tiny::Text("USD"))]);
    assert_eq!(from_value::<Money, _>(money).unwrap(), Money::parse("12.50", Currency::USD).unwrap());
    assert_eq!(from_value::<u16, _>(Tiny::Count(404)).unwrap(), 404);
    let bad: DecodeError = from_value::<u16, _>(Tiny::Fraction).unwrap_err();
    assert!(bad.to_string().contains("fraction"));
    assert!(from_value::<QuoteScope, _>(Tiny::Text("settle")).is_ok());
}

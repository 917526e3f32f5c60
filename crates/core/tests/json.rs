//! The core's own JSON (issue 22: the widget carries no JSON parser): the writer gives serde_json's
//! bytes for every request body and event detail, and the hand decoders (`Decode`, what the widget
//! runs) give serde's values for every answer of the sandbox and for any schedule, bill and quote
//! the core computes, whatever the parser that made the value; every enum has serde's names.
//! Numbers with a fraction, wrong types, unknown names and missing fields are refused in words.

use paylater_core::api::QuoteScope;
use paylater_core::api::*;
use paylater_core::json::{self, Decode, DecodeError, JsonValue, Node, SerdeJson, decode_str, to_string};
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
        plan: paylater_core::api::PlanKind::Installments6,
    });
    same_bytes(&QuoteRequest { scope: QuoteScope::Settle, amount: None });
    same_bytes(&QuoteRequest { scope: QuoteScope::NextInstallment, amount: None });
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
        let decoded = decode_str::<u32, SerdeJson>(&n.to_string());
        match u32::try_from(n) {
            Ok(n) => prop_assert_eq!(decoded.unwrap(), n),
            Err(_) => prop_assert!(decoded.is_err()),
        }
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

fn same_value<T: Decode + DeserializeOwned + PartialEq + std::fmt::Debug>(body: &str) {
    let expected: T = serde_json::from_str(body).unwrap();
    assert_eq!(decode_str::<T, SerdeJson>(body).unwrap(), expected, "{body}");
}

#[test]
fn every_answer_decodes_by_hand_as_serde_decodes_it() {
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

fn refused<T: Decode + std::fmt::Debug>(text: &str) -> String {
    decode_str::<T, SerdeJson>(text).unwrap_err().to_string()
}

#[test]
fn what_the_contract_does_not_say_is_refused_in_words() {
    assert_eq!(
        refused::<Money>(r#"{"amount":1299.5,"currency":"CNY"}"#),
        "amount: invalid type: a number with a fraction, expected a string"
    );
    assert_eq!(
        refused::<Money>(r#"{"amount":1299,"currency":"CNY"}"#),
        "amount: invalid type: an integer, expected a string"
    );
    assert_eq!(
        refused::<Money>(r#"{"amount":"1.001","currency":"CNY"}"#),
        "1.001 has more than 2 decimal places, which CNY does not allow"
    );
    assert!(refused::<Money>(r#"{"amount":"1","currency":"XXX"}"#).contains("unknown currency \"XXX\""));
    assert_eq!(refused::<u32>("9007199254740993"), refused::<u32>("1.5"));
    assert_eq!(refused::<u16>("70000"), "invalid value: integer `70000`, expected 0 to 65535");
    assert_eq!(refused::<bool>(r#""yes""#), "invalid type: a string, expected a boolean");
    assert_eq!(refused::<Vec<u32>>("{}"), "invalid type: an object, expected an array");
    assert_eq!(refused::<Quote>("{}"), "missing field `id`");
    assert_eq!(
        refused::<PlanKind>(r#""installments_24""#),
        "unknown variant `installments_24` of PlanKind, expected one of pay_in_30_days, installments_3, installments_6, installments_12"
    );
    assert!(refused::<Bill>(r#"{"id":5}"#).starts_with("id: invalid type: an integer"));
    assert!(refused::<Eligibility>("not json").starts_with("expected ident"));
    assert_eq!(
        refused::<Activation>(r#"{"agreement_version":"v","accepted_at":"yesterday"}"#).split(':').next(),
        Some("accepted_at")
    );
    // Unknown fields are tolerated (a provider may add one), an optional field may be left out.
    let agreement = r#"{"version":"v","title":"t","text":"x","late_interest_daily_rate":"0.0005","new":1}"#;
    assert!(decode_str::<Agreement, SerdeJson>(agreement).is_ok());
    let list = decode_str::<BillList, SerdeJson>(r#"{"bills":[]}"#).unwrap();
    assert_eq!(list.next_cursor, None);
}

/// Every name of every enum the widget reads is serde's.
#[test]
fn every_enum_has_serdes_names() {
    fn same<T: Copy + Serialize + PartialEq + std::fmt::Debug>(wire: &[(T, &str)]) {
        for (value, name) in wire {
            assert_eq!(serde_json::to_value(value).unwrap(), serde_json::json!(name), "{value:?}");
        }
    }
    same(PlanKind::WIRE);
    same(ActivationState::WIRE);
    same(CreditBand::WIRE);
    same(IneligibleReason::WIRE);
    same(OrderStatus::WIRE);
    same(BillStatus::WIRE);
    same(InstallmentStatus::WIRE);
    same(QuoteScope::WIRE);
    same(PaymentMethodKind::WIRE);
    same(ErrorCode::WIRE);
    assert_eq!(PlanKind::WIRE.len(), PlanKind::ALL.len());
    assert_eq!(ErrorCode::WIRE.len(), ErrorCode::ALL.len());
}

proptest! {
    /// Any schedule the core makes reads back by hand as it was written.
    #[test]
    fn any_schedule_reads_back(minor in 1i64..100_000_000, days in 0i64..3650, plan in 0usize..4) {
        let start = paylater_core::time::macros::date!(2024 - 01 - 01) + paylater_core::time::Duration::days(days);
        let schedule = paylater_core::schedule(PlanKind::ALL[plan], Money::from_minor(minor, Currency::CNY), start, &paylater_core::Policy::default()).unwrap();
        let text = serde_json::to_string(&schedule).unwrap();
        prop_assert_eq!(decode_str::<paylater_core::api::Schedule, SerdeJson>(&text).unwrap(), schedule);
    }
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
    assert_eq!(Money::decode(money.into_node()).unwrap(), Money::parse("12.50", Currency::USD).unwrap());
    assert_eq!(u16::decode(Tiny::Count(404).into_node()).unwrap(), 404);
    let bad: DecodeError = u16::decode(Tiny::Fraction.into_node()).unwrap_err();
    assert!(bad.to_string().contains("fraction"));
    assert_eq!(QuoteScope::decode(Tiny::Text("settle").into_node()).unwrap(), QuoteScope::Settle);
}

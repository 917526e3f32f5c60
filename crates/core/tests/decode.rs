//! Decoding outside data: every response type of the contract, fed arbitrary bytes, truncated
//! valid answers, and valid answers with a byte changed, gives the value the text says or the
//! typed error that fits (issue 7: release builds abort on panic, which would kill the widget;
//! and a changed answer must never be read as something it does not say).

use paylater_core::Policy;
use paylater_core::api::*;
use paylater_core::client::{ClientError, RawResponse, decode};
use paylater_core::rfc3339;
use paylater_core::sandbox::Sandbox;
use paylater_core::sandbox::router::HttpRequest;
use paylater_core::time::macros::datetime;
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::Value;

/// Real answers of the sandbox, one per response type, to truncate and corrupt.
fn real_answers() -> Vec<(&'static str, RawResponse)> {
    let now = datetime!(2026-11-23 10:00 +08:00);
    let mut sb = Sandbox::demo(now, Policy::default());
    let mut call = |method: &str, path: &str, key: Option<&str>, body: &str| {
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        let r = sb.handle(
            &HttpRequest {
                method,
                path,
                query,
                authorization: Some("Bearer demo-good"),
                idempotency_key: key,
                origin: None,
                body: body.as_bytes(),
            },
            now,
        );
        RawResponse { status: r.status, body: r.body }
    };
    let quote = call("POST", "/v1/bills/bill_due_soon/quotes", None, r#"{"scope":"settle"}"#);
    let quote_id = serde_json::from_str::<Quote>(&quote.body).unwrap().id;
    vec![
        ("offer", call("GET", "/v1/offers?amount=1299.00&currency=CNY&merchant_id=M-DEMO-SHOP", None, "")),
        ("profile", call("GET", "/v1/me", None, "")),
        ("agreement", call("GET", "/v1/agreement", None, "")),
        (
            "eligibility",
            call(
                "POST",
                "/v1/eligibility",
                None,
                r#"{"merchant_id":"M-DEMO-SHOP","order_id":"O","amount":{"amount":"1299.00","currency":"CNY"}}"#,
            ),
        ),
        (
            "order",
            call(
                "POST",
                "/v1/orders",
                Some("k"),
                r#"{"merchant_id":"M-DEMO-SHOP","order_id":"O","amount":{"amount":"1299.00","currency":"CNY"},"plan":"installments_6"}"#,
            ),
        ),
        ("orders", call("GET", "/v1/orders?status=all", None, "")),
        ("bill", call("GET", "/v1/bills/bill_partly_paid", None, "")),
        ("refunds", call("GET", "/v1/refunds", None, "")),
        ("bills", call("GET", "/v1/bills?status=all", None, "")),
        ("quote", quote),
        ("methods", call("GET", "/v1/payment-methods", None, "")),
        (
            "repayment",
            call(
                "POST",
                "/v1/repayments",
                Some("p"),
                &format!(r#"{{"quote_id":"{quote_id}","payment_method_id":"pm_card_1234"}}"#),
            ),
        ),
        ("records", call("GET", "/v1/repayments", None, "")),
        ("problem", call("GET", "/v1/bills/nope", None, "")),
    ]
}

/// Decodes `raw` as every response type; none may panic.
fn decode_all(raw: &RawResponse) -> Vec<Result<(), ClientError>> {
    vec![
        decode::<Offer>(raw).map(drop),
        decode::<Profile>(raw).map(drop),
        decode::<Agreement>(raw).map(drop),
        decode::<Activation>(raw).map(drop),
        decode::<Eligibility>(raw).map(drop),
        decode::<Bill>(raw).map(drop),
        decode::<Order>(raw).map(drop),
        decode::<OrderList>(raw).map(drop),
        decode::<RefundList>(raw).map(drop),
        decode::<BillList>(raw).map(drop),
        decode::<Quote>(raw).map(drop),
        decode::<PaymentMethodList>(raw).map(drop),
        decode::<RepaymentResult>(raw).map(drop),
        decode::<RepaymentList>(raw).map(drop),
    ]
}

#[test]
fn every_real_answer_decodes_as_its_type() {
    let answers = real_answers();
    let get = |name: &str| answers.iter().find(|(n, _)| *n == name).map(|(_, r)| r.clone()).unwrap();
    decode::<Profile>(&get("profile")).unwrap();
    decode::<Agreement>(&get("agreement")).unwrap();
    decode::<Eligibility>(&get("eligibility")).unwrap();
    decode::<Bill>(&get("bill")).unwrap();
    decode::<Order>(&get("order")).unwrap();
    decode::<OrderList>(&get("orders")).unwrap();
    decode::<RefundList>(&get("refunds")).unwrap();
    decode::<BillList>(&get("bills")).unwrap();
    decode::<Quote>(&get("quote")).unwrap();
    decode::<PaymentMethodList>(&get("methods")).unwrap();
    decode::<RepaymentResult>(&get("repayment")).unwrap();
    decode::<RepaymentList>(&get("records")).unwrap();
    assert_eq!(decode::<Bill>(&get("problem")).unwrap_err().code(), Some(ErrorCode::NotFound));
}

#[test]
fn every_truncation_of_every_answer_is_a_typed_error() {
    for (name, raw) in real_answers() {
        // Every cut of the short answers; about 1,500 evenly spread cuts of the long ones.
        let step = (raw.body.len() / 1_500).max(1);
        for cut in (0..raw.body.len()).step_by(step) {
            if !raw.body.is_char_boundary(cut) {
                continue;
            }
            let truncated = RawResponse { status: raw.status, body: raw.body[..cut].to_owned() };
            for result in decode_all(&truncated) {
                let error = result.expect_err("a truncated body is never a value");
                // A cut success is garbled (the call's outcome is unknown); a cut problem is the
                // answer's status, read or not.
                let fits = match error {
                    ClientError::Garbled { status, .. } => status == raw.status,
                    ClientError::Http { status } => status == raw.status && !(200..300).contains(&status),
                    _ => false,
                };
                assert!(fits, "{name} cut at {cut}: {error:?}");
            }
        }
    }
}

/// Decodes `raw` as the type of the answer called `name`, and writes the value back as JSON (what
/// the widget would go on to use), or gives the error.
fn decode_as(name: &str, raw: &RawResponse) -> Result<Value, ClientError> {
    fn value<T: serde::Serialize>(decoded: Result<T, ClientError>) -> Result<Value, ClientError> {
        decoded.map(|v| serde_json::to_value(v).expect("a decoded value serializes"))
    }
    match name {
        "offer" => value(decode::<Offer>(raw)),
        "profile" => value(decode::<Profile>(raw)),
        "agreement" => value(decode::<Agreement>(raw)),
        "eligibility" => value(decode::<Eligibility>(raw)),
        "order" => value(decode::<Order>(raw)),
        "orders" => value(decode::<OrderList>(raw)),
        "bill" | "problem" => value(decode::<Bill>(raw)),
        "refunds" => value(decode::<RefundList>(raw)),
        "bills" => value(decode::<BillList>(raw)),
        "quote" => value(decode::<Quote>(raw)),
        "methods" => value(decode::<PaymentMethodList>(raw)),
        "repayment" => value(decode::<RepaymentResult>(raw)),
        "records" => value(decode::<RepaymentList>(raw)),
        other => panic!("no type for {other}"),
    }
}

/// Whether the decoded value says what the text said: every field it has is in the text with the
/// same value (a field missing from the text may only be an absent option, `null`). Fields the
/// contract does not know are ignored, as serde does.
fn agrees(decoded: &Value, said: &Value) -> bool {
    match (decoded, said) {
        (Value::Object(fields), Value::Object(text)) => fields.iter().all(|(key, value)| match text.get(key) {
            Some(said) => agrees(value, said),
            None => value.is_null(),
        }),
        (Value::Array(items), Value::Array(text)) => {
            items.len() == text.len() && items.iter().zip(text).all(|(item, said)| agrees(item, said))
        }
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        // An amount is the same amount however many zero decimals the text gave ("15000" is ¥15,000.00),
        // and a time the same time however its offset is spelt ("+00:00" is "Z").
        (Value::String(a), Value::String(b)) => match (a.parse::<Decimal>(), b.parse::<Decimal>()) {
            (Ok(a), Ok(b)) => a == b,
            _ => match (rfc3339::parse(a), rfc3339::parse(b)) {
                (Ok(a), Ok(b)) => a == b && a.offset() == b.offset(),
                _ => a == b,
            },
        },
        (a, b) => a == b,
    }
}

#[test]
fn a_time_agrees_however_its_offset_is_spelt_and_not_with_another_instant() {
    // A changed byte can turn "+08:00" into "+00:00", which the decoded value writes as "Z"
    // (the case proptest found): the same time, so the comparison must say so.
    let [z, utc, china] = ["2026-11-23T10:10:00Z", "2026-11-23T10:10:00+00:00", "2026-11-23T10:10:00+08:00"]
        .map(|t| Value::String(t.into()));
    assert!(agrees(&z, &utc));
    assert!(!agrees(&z, &china));
}

/// Changes the first string, number or null found in `value`.
fn change_first_leaf(value: &mut Value) -> bool {
    match value {
        Value::String(_) | Value::Number(_) | Value::Null => {
            *value = Value::String("something else".into());
            true
        }
        Value::Object(fields) => fields.values_mut().any(change_first_leaf),
        Value::Array(items) => items.iter_mut().any(change_first_leaf),
        _ => false,
    }
}

#[test]
fn a_decoded_value_agrees_with_its_text_and_a_changed_one_is_noticed() {
    for (name, raw) in real_answers().into_iter().filter(|(name, _)| *name != "problem") {
        let said: Value = serde_json::from_str(&raw.body).unwrap();
        let decoded = decode_as(name, &raw).unwrap();
        assert!(agrees(&decoded, &said), "{name}");
        // The check can fail: a value that says something else does not agree.
        let mut other = decoded.clone();
        assert!(change_first_leaf(&mut other), "{name} has a leaf to change");
        assert!(!agrees(&other, &said), "{name}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_are_the_error_their_status_calls_for(
        bytes in prop::collection::vec(any::<u8>(), 0..512),
        status in 100u16..600,
    ) {
        let raw = RawResponse { status, body: String::from_utf8_lossy(&bytes).into_owned() };
        let is_problem = serde_json::from_str::<Problem>(&raw.body).is_ok();
        for result in decode_all(&raw) {
            let error = result.expect_err("arbitrary bytes are not an answer of the contract");
            match error {
                // A success status with a body that is not the type: garbled, never a value.
                ClientError::Garbled { status: s, .. } => {
                    prop_assert_eq!(s, status);
                    prop_assert!((200..300).contains(&status) || (status < 500 && !raw.body.trim().is_empty()));
                }
                // An error status with no readable problem: the status, as is.
                ClientError::Http { status: s } => {
                    prop_assert_eq!(s, status);
                    prop_assert!(!(200..300).contains(&status));
                    prop_assert!(status >= 500 || raw.body.trim().is_empty());
                }
                ClientError::Problem(_) => prop_assert!(is_problem && !(200..300).contains(&status)),
                other => prop_assert!(false, "decoding never gives {other:?}"),
            }
        }
    }

    #[test]
    fn a_changed_byte_in_a_real_answer_is_what_it_says_or_garbled(
        which in 0usize..13,
        at in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let answers = real_answers();
        let (name, raw) = &answers[which];
        let mut body = raw.body.clone().into_bytes();
        let i = at.index(body.len());
        body[i] = byte;
        let corrupted = RawResponse { status: raw.status, body: String::from_utf8_lossy(&body).into_owned() };
        let said = serde_json::from_str::<Value>(&corrupted.body).ok();
        match decode_as(name, &corrupted) {
            // Read as a value: the value says what the changed text says, no more, no less.
            Ok(decoded) => {
                prop_assert!((200..300).contains(&raw.status));
                let said = said.expect("only JSON decodes");
                prop_assert!(agrees(&decoded, &said), "{name}: {decoded} is not {said}");
            }
            Err(ClientError::Garbled { status, .. }) => prop_assert_eq!(status, raw.status),
            // The not-found answer may still be a problem: the one its text says.
            Err(ClientError::Problem(problem)) => {
                prop_assert_eq!(*name, "problem");
                let decoded = serde_json::to_value(&problem).unwrap();
                let said = said.expect("only JSON decodes");
                prop_assert!(agrees(&decoded, &said), "{decoded} is not {said}");
            }
            Err(other) => prop_assert!(false, "{name}: a changed body is never {other:?}"),
        }
    }
}

//! Decoding never panics on outside data: every response type of the contract, fed arbitrary
//! bytes, truncated valid answers, and valid answers with a byte changed, gives a value or a
//! typed error (issue 7: release builds abort on panic, which would kill the widget).

use paylater_core::api::*;
use paylater_core::client::{ClientError, RawResponse, decode};
use paylater_core::plan::Policy;
use paylater_core::sandbox::Sandbox;
use paylater_core::sandbox::router::HttpRequest;
use paylater_core::time::macros::datetime;
use proptest::prelude::*;

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
                assert!(
                    matches!(error, ClientError::Garbled { .. } | ClientError::Http { .. }),
                    "{name} cut at {cut}: {error:?}"
                );
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_and_statuses_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512), status in 100u16..600) {
        let raw = RawResponse { status, body: String::from_utf8_lossy(&bytes).into_owned() };
        for result in decode_all(&raw) {
            if (200..300).contains(&status) {
                // Arbitrary bytes are not an answer of the contract.
                prop_assert!(result.is_err());
            }
        }
    }

    #[test]
    fn a_changed_byte_in_a_real_answer_never_panics(which in 0usize..10, at in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let answers = real_answers();
        let (_, raw) = &answers[which];
        let mut body = raw.body.clone().into_bytes();
        let i = at.index(body.len());
        body[i] = byte;
        let corrupted = RawResponse { status: raw.status, body: String::from_utf8_lossy(&body).into_owned() };
        let _ = decode_all(&corrupted);
    }
}

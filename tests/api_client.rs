//! The widget's API client in the browser: the in-browser mock, the HTTP transport against the
//! sandbox server (its faults, timeouts and garbled answers), and the same scenario answered
//! identically by both.
//!
//! The HTTP tests need a sandbox server started with a frozen clock; `scripts/test.sh` starts one
//! and passes its URL at build time:
//!   paylater-sandbox --port 0 --now 2026-11-23T10:00:00+08:00 --allow-any-origin --quiet
//!   PLW_SANDBOX_URL=http://127.0.0.1:PORT cargo test --target wasm32-unknown-unknown
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use pay_later_widget::api::{ApiClient, HttpTransport, MockClock, MockTransport, Transport};
use paylater_core::api::{BillFilter, BillStatus, ErrorCode, PageRequest, QuoteRequest, QuoteScope, RepaymentRequest};
use paylater_core::client::{self, ApiRequest, ClientError};
use paylater_core::time::macros::datetime;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const FROZEN: MockClock = MockClock::Frozen(datetime!(2026-11-23 10:00 +08:00));

fn sandbox_url() -> &'static str {
    match option_env!("PLW_SANDBOX_URL") {
        Some(url) => url,
        None => panic!(
            "PLW_SANDBOX_URL is not set: run scripts/test.sh, or start `paylater-sandbox --port 0 --now 2026-11-23T10:00:00+08:00 --allow-any-origin` and pass its URL"
        ),
    }
}

fn mock(token: &str) -> ApiClient {
    ApiClient::new(Transport::Mock(MockTransport::isolated(FROZEN, Duration::ZERO)), token)
}

fn http(token: &str, timeout: Duration) -> ApiClient {
    ApiClient::new(Transport::Http(HttpTransport::new(sandbox_url(), timeout)), token)
}

#[wasm_bindgen_test]
async fn the_mock_answers_as_the_sandbox() {
    let api = mock("demo-good");
    let me = api.me().await.unwrap();
    assert_eq!(me.masked_name, "**明");
    let bills = api.bills(BillFilter::All, &PageRequest::default()).await.unwrap();
    assert_eq!(bills.bills[0].status, BillStatus::Overdue);
    let quote =
        api.quote(&"bill_due_soon".into(), &QuoteRequest { scope: QuoteScope::Settle, amount: None }).await.unwrap();
    let request = RepaymentRequest { quote_id: quote.id.clone(), payment_method_id: "pm_balance".into() };
    let paid = api.repay(&"key-1".into(), &request).await.unwrap();
    let replay = api.repay(&"key-1".into(), &request).await.unwrap();
    assert_eq!(paid, replay);
    assert_eq!(paid.bill.status, BillStatus::Settled);
    let refused = mock("nobody").me().await.unwrap_err();
    assert_eq!(refused.code(), Some(ErrorCode::Unauthorized));
}

#[wasm_bindgen_test]
async fn the_mock_can_simulate_latency() {
    let api = ApiClient::new(Transport::Mock(MockTransport::isolated(FROZEN, Duration::from_millis(150))), "demo-good");
    let started = js_sys::Date::now();
    api.me().await.unwrap();
    assert!(js_sys::Date::now() - started >= 140.0);
}

/// The story both transports walk; the server is fresh for this test only (its own scenario ids
/// would shift if another test changed it first, so only this test creates anything on it).
fn scenario() -> Vec<ApiRequest> {
    use paylater_core::api::*;
    use paylater_core::{Currency, Money};
    let amount = Money::parse("2599.00", Currency::CNY).unwrap();
    let order = CreateOrderRequest {
        merchant_id: "M-DEMO-SHOP".into(),
        order_id: "ORDER-WASM".into(),
        amount,
        plan: PlanKind::Installments12,
    };
    vec![
        client::me(),
        client::agreement(),
        client::eligibility(&EligibilityRequest {
            merchant_id: "M-DEMO-SHOP".into(),
            order_id: "ORDER-WASM".into(),
            amount,
        }),
        client::create_order(&"wasm-order".into(), &order),
        client::create_order(&"wasm-order".into(), &order),
        client::bills(BillFilter::All, &PageRequest::first(3)),
        client::quote(&"bill_overdue".into(), &QuoteRequest { scope: QuoteScope::Settle, amount: None }),
        client::payment_methods(),
        client::repay(
            &"wasm-pay".into(),
            &RepaymentRequest { quote_id: "qt_000002".into(), payment_method_id: "pm_card_1234".into() },
        ),
        client::repay(
            &"wasm-pay".into(),
            &RepaymentRequest { quote_id: "qt_000002".into(), payment_method_id: "pm_card_1234".into() },
        ),
        client::repayments(Some(&"bill_overdue".into()), &PageRequest::default()),
        client::bill(&"bill_overdue".into()),
        client::quote(&"bill_settled".into(), &QuoteRequest { scope: QuoteScope::Settle, amount: None }),
    ]
}

#[wasm_bindgen_test]
async fn the_in_browser_mock_and_the_http_sandbox_answer_a_scenario_identically() {
    let local = mock("demo-good");
    let remote = http("demo-good", Duration::from_secs(10));
    let mut statuses = Vec::new();
    for request in scenario() {
        let a = local.send_raw(&request).await.unwrap();
        let b = remote.send_raw(&request).await.unwrap();
        assert_eq!(a, b, "{} {}", request.method.as_str(), request.path);
        statuses.push(a.status);
    }
    assert_eq!(statuses, [200, 200, 200, 201, 201, 200, 201, 200, 201, 201, 200, 200, 422]);
}

#[wasm_bindgen_test]
async fn faults_become_typed_errors() {
    // demo-low-score: a shopper no other test changes.
    let api = http("demo-low-score", Duration::from_secs(10));
    let with_fault = |fault: &str| ApiRequest { path: format!("/v1/me?sandbox_fault={fault}"), ..client::me() };
    let server_error = api.send_raw(&with_fault("500")).await.unwrap();
    let e = paylater_core::client::decode::<paylater_core::api::Profile>(&server_error).unwrap_err();
    assert_eq!(e.code(), Some(ErrorCode::Internal));
    let garbled = api.send_raw(&with_fault("malformed")).await.unwrap();
    let e = paylater_core::client::decode::<paylater_core::api::Profile>(&garbled).unwrap_err();
    assert!(matches!(e, ClientError::Garbled { status: 200, .. }), "{e:?}");
    assert!(e.outcome_unknown());
    let dropped = api.send_raw(&with_fault("drop")).await.unwrap_err();
    assert!(matches!(dropped, ClientError::Network(_)), "{dropped:?}");
    let expired = api.send_raw(&with_fault("401")).await.unwrap();
    assert_eq!(
        paylater_core::client::decode::<paylater_core::api::Profile>(&expired).unwrap_err().code(),
        Some(ErrorCode::Unauthorized)
    );
}

#[wasm_bindgen_test]
async fn a_slow_answer_times_out() {
    let api = http("demo-low-score", Duration::from_millis(300));
    let slow = ApiRequest { path: "/v1/me?sandbox_fault=delay=3000".into(), ..client::me() };
    let started = js_sys::Date::now();
    assert_eq!(api.send_raw(&slow).await.unwrap_err(), ClientError::Timeout);
    let waited = js_sys::Date::now() - started;
    assert!((250.0..2500.0).contains(&waited), "gave up after {waited} ms");
    // The next call is not affected by the aborted one.
    assert_eq!(api.me().await.unwrap().credit_score, 520);
}

#[wasm_bindgen_test]
async fn an_unreachable_api_is_a_network_error() {
    let api =
        ApiClient::new(Transport::Http(HttpTransport::new("http://127.0.0.1:9", Duration::from_secs(5))), "demo-good");
    assert!(matches!(api.me().await.unwrap_err(), ClientError::Network(_)));
}

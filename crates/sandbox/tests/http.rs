//! The sandbox server over real HTTP on an ephemeral loopback port: the whole story, the
//! faults, CORS and readiness, and the same scripted scenario answered identically by the
//! server and by the state machine called in-process (as the in-browser mock calls it).

use std::time::Duration;

use paylater_core::Policy;
use paylater_core::api::{Bill, BillList, ErrorCode, Order, Problem, RepaymentList, RepaymentResult};
use paylater_core::sandbox::Sandbox;
use paylater_core::sandbox::router::HttpRequest;
use paylater_core::sandbox::seed::DEMO_SECRET_KEY;
use paylater_sandbox::{Config, app, serve};
use reqwest::{Client, Method, StatusCode};
use time::OffsetDateTime;
use time::macros::datetime;

const NOW: OffsetDateTime = datetime!(2026-11-23 10:00 +08:00);

async fn start(frozen: bool) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let config = Config { frozen_now: frozen.then_some(NOW), log_requests: false, ..Config::default() };
    tokio::spawn(serve(listener, app(&config)));
    format!("http://{address}")
}

pub(crate) struct Api {
    base: String,
    client: Client,
    token: &'static str,
}

impl Api {
    async fn new(token: &'static str, frozen: bool) -> Api {
        Api {
            base: start(frozen).await,
            client: Client::builder().timeout(Duration::from_secs(5)).build().unwrap(),
            token,
        }
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        key: Option<&str>,
        fault: Option<&str>,
        body: Option<&str>,
    ) -> reqwest::Result<(StatusCode, String)> {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.base))
            .header("authorization", format!("Bearer {}", self.token));
        if let Some(key) = key {
            request = request.header("idempotency-key", key);
        }
        if let Some(fault) = fault {
            request = request.header("x-sandbox-fault", fault);
        }
        if let Some(body) = body {
            request = request.header("content-type", "application/json").body(body.to_owned());
        }
        let response = request.send().await?;
        let status = response.status();
        Ok((status, response.text().await?))
    }

    async fn get(&self, path: &str) -> (StatusCode, String) {
        self.send(Method::GET, path, None, None, None).await.unwrap()
    }

    async fn post(&self, path: &str, key: Option<&str>, body: &str) -> (StatusCode, String) {
        self.send(Method::POST, path, key, None, Some(body)).await.unwrap()
    }
}

fn json<T: serde::de::DeserializeOwned>((status, body): (StatusCode, String)) -> T {
    assert!(status.is_success(), "{status}: {body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

fn problem((status, body): (StatusCode, String)) -> Problem {
    let p: Problem = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"));
    assert_eq!(status.as_u16(), p.status);
    p
}

const ORDER: &str = r#"{"merchant_id":"M-DEMO-SHOP","order_id":"ORDER-1001","amount":{"amount":"1299.00","currency":"CNY"},"plan":"installments_6"}"#;

#[tokio::test]
async fn the_whole_story_over_http() {
    let api = Api::new("demo-new", true).await;
    let me: paylater_core::api::Profile = json(api.get("/v1/me").await);
    assert_eq!(me.activation, paylater_core::api::ActivationState::NotActivated);
    assert_eq!(problem(api.post("/v1/orders", Some("o1"), ORDER).await).code, ErrorCode::AgreementRequired);
    let agreement: paylater_core::api::Agreement = json(api.get("/v1/agreement").await);
    json::<paylater_core::api::Activation>(
        api.post("/v1/activation", None, &format!(r#"{{"agreement_version":"{}"}}"#, agreement.version)).await,
    );
    let eligibility: paylater_core::api::Eligibility = json(
        api.post(
            "/v1/eligibility",
            None,
            r#"{"merchant_id":"M-DEMO-SHOP","order_id":"ORDER-1001","amount":{"amount":"1299.00","currency":"CNY"}}"#,
        )
        .await,
    );
    assert!(eligibility.eligible);
    let (status, body) = api.post("/v1/orders", Some("o1"), ORDER).await;
    assert_eq!(status, StatusCode::CREATED);
    let auth: Order = serde_json::from_str(&body).unwrap();
    // The merchant's server captures it with its own order id and amount: now it is a bill.
    let capture = format!(
        r#"{{"authorization_id":"{}","order_amount":{{"amount":"1299.00","currency":"CNY"}},"capture_amount":{{"amount":"1299.00","currency":"CNY"}}}}"#,
        auth.id
    );
    let merchant = Api { token: DEMO_SECRET_KEY, base: api.base.clone(), client: api.client.clone() };
    let captured: Order = json(merchant.post("/v1/merchant/orders/ORDER-1001/capture", Some("c1"), &capture).await);
    let bill: Bill = json(api.get(&format!("/v1/bills/{}", captured.bill_id.unwrap())).await);
    let bills: BillList = json(api.get("/v1/bills").await);
    assert_eq!(bills.bills, std::slice::from_ref(&bill));
    let quote: paylater_core::api::Quote =
        json(api.post(&format!("/v1/bills/{}/quotes", bill.id), None, r#"{"scope":"settle"}"#).await);
    let pay = format!(r#"{{"quote_id":"{}","payment_method_id":"pm_card_1234"}}"#, quote.id);
    let first: RepaymentResult = json(api.post("/v1/repayments", Some("pay-1"), &pay).await);
    let replay: RepaymentResult = json(api.post("/v1/repayments", Some("pay-1"), &pay).await);
    assert_eq!(first, replay, "a replay returns the same receipt");
    assert_eq!(first.bill.status, paylater_core::api::BillStatus::Settled);
    let records: RepaymentList = json(api.get("/v1/repayments").await);
    assert_eq!(records.repayments.len(), 1, "debited once");
    let settled: BillList = json(api.get("/v1/bills?status=settled").await);
    assert_eq!(settled.bills[0].id, bill.id);
}

#[tokio::test]
async fn injected_500_and_401_apply_nothing() {
    let api = Api::new("demo-good", true).await;
    let p = problem(api.send(Method::POST, "/v1/orders", Some("k"), Some("500"), Some(ORDER)).await.unwrap());
    assert_eq!((p.status, p.code), (500, ErrorCode::Internal));
    let p = problem(api.send(Method::POST, "/v1/orders", Some("k"), Some("401"), Some(ORDER)).await.unwrap());
    assert_eq!(p.code, ErrorCode::Unauthorized);
    let all: paylater_core::api::OrderList = json(api.get("/v1/orders?status=all").await);
    assert!(all.orders.iter().all(|o| o.order_id != "ORDER-1001"), "nothing was created");
    // The retry with the same key then creates the order once.
    let (status, _) = api.post("/v1/orders", Some("k"), ORDER).await;
    assert_eq!(status, StatusCode::CREATED);
    let p = problem(api.send(Method::GET, "/v1/me", None, Some("explode"), None).await.unwrap());
    assert_eq!(p.code, ErrorCode::InvalidRequest);
}

#[tokio::test]
async fn a_dropped_connection_after_the_repayment_applied_then_the_true_outcome() {
    let api = Api::new("demo-good", true).await;
    let quote: paylater_core::api::Quote =
        json(api.post("/v1/bills/bill_due_soon/quotes", None, r#"{"scope":"settle"}"#).await);
    let pay = format!(r#"{{"quote_id":"{}","payment_method_id":"pm_balance"}}"#, quote.id);
    let dropped = api.send(Method::POST, "/v1/repayments", Some("drop-key"), Some("drop"), Some(&pay)).await;
    assert!(dropped.is_err(), "the connection is closed without an answer: {dropped:?}");
    // The shopper's widget looks the outcome up: the repayment happened once.
    let records: RepaymentList = json(api.get("/v1/repayments?bill_id=bill_due_soon").await);
    assert_eq!(records.repayments.len(), 1);
    // Replaying with the same key answers the first result and moves no money again.
    let replay: RepaymentResult = json(api.post("/v1/repayments", Some("drop-key"), &pay).await);
    assert_eq!(replay.repayment, records.repayments[0]);
    let records: RepaymentList = json(api.get("/v1/repayments?bill_id=bill_due_soon").await);
    assert_eq!(records.repayments.len(), 1);
}

#[tokio::test]
async fn malformed_body_after_apply_and_delay() {
    let api = Api::new("demo-good", true).await;
    let (status, body) = api.send(Method::POST, "/v1/orders", Some("m"), Some("malformed"), Some(ORDER)).await.unwrap();
    assert_eq!(status, StatusCode::OK);
    assert!(serde_json::from_str::<serde_json::Value>(&body).is_err(), "the body is not JSON: {body}");
    let all: paylater_core::api::OrderList = json(api.get("/v1/orders?status=all").await);
    assert_eq!(all.orders.iter().filter(|o| o.order_id == "ORDER-1001").count(), 1, "applied once");
    let started = std::time::Instant::now();
    let (status, _) = api.send(Method::GET, "/v1/me", None, Some("delay=300"), None).await.unwrap();
    assert_eq!(status, StatusCode::OK);
    assert!(started.elapsed() >= Duration::from_millis(300));
    // Past the client's timeout, the client gives up.
    let impatient = Client::builder().timeout(Duration::from_millis(200)).build().unwrap();
    let late = impatient
        .get(format!("{}/v1/me?sandbox_fault=delay=2000", api.base))
        .header("authorization", "Bearer demo-good")
        .send()
        .await;
    assert!(late.is_err_and(|e| e.is_timeout()));
}

#[tokio::test]
async fn readiness_and_cors_for_the_demo_origin() {
    let base = start(false).await;
    let client = Client::new();
    let ready = client.get(format!("{base}/health/ready")).send().await.unwrap();
    assert_eq!(ready.status(), StatusCode::OK);
    assert_eq!(ready.text().await.unwrap(), r#"{"status":"ready"}"#);
    let preflight = client
        .request(Method::OPTIONS, format!("{base}/v1/repayments"))
        .header("origin", "http://127.0.0.1:8080")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "authorization,idempotency-key,content-type")
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.headers()["access-control-allow-origin"], "http://127.0.0.1:8080");
    let allowed = preflight.headers()["access-control-allow-headers"].to_str().unwrap().to_owned();
    assert!(allowed.contains("idempotency-key") && allowed.contains("authorization"), "{allowed}");
    let foreign = client
        .get(format!("{base}/v1/me"))
        .header("origin", "http://evil.example")
        .header("authorization", "Bearer demo-good")
        .send()
        .await
        .unwrap();
    assert!(foreign.headers().get("access-control-allow-origin").is_none());
}

/// One scripted story, as (method, path, idempotency key, body).
const SCENARIO: &[(&str, &str, Option<&str>, &str)] = &[
    ("GET", "/v1/me", None, ""),
    ("GET", "/v1/agreement", None, ""),
    (
        "POST",
        "/v1/eligibility",
        None,
        r#"{"merchant_id":"M-DEMO-SHOP","order_id":"ORDER-9","amount":{"amount":"2599.00","currency":"CNY"}}"#,
    ),
    (
        "POST",
        "/v1/orders",
        Some("s-1"),
        r#"{"merchant_id":"M-DEMO-SHOP","order_id":"ORDER-9","amount":{"amount":"2599.00","currency":"CNY"},"plan":"installments_12"}"#,
    ),
    (
        "POST",
        "/v1/orders",
        Some("s-1"),
        r#"{"merchant_id":"M-DEMO-SHOP","order_id":"ORDER-9","amount":{"amount":"2599.00","currency":"CNY"},"plan":"installments_12"}"#,
    ),
    (
        "POST",
        "/v1/orders",
        Some("s-1"),
        r#"{"merchant_id":"M-DEMO-SHOP","order_id":"ORDER-9","amount":{"amount":"1.00","currency":"CNY"},"plan":"installments_12"}"#,
    ),
    ("GET", "/v1/bills?status=all", None, ""),
    ("GET", "/v1/bills/bill_overdue", None, ""),
    ("POST", "/v1/bills/bill_overdue/quotes", None, r#"{"scope":"next_installment"}"#),
    ("GET", "/v1/payment-methods", None, ""),
    ("POST", "/v1/repayments", Some("s-2"), r#"{"quote_id":"qt_000002","payment_method_id":"pm_fund"}"#),
    ("POST", "/v1/repayments", Some("s-2"), r#"{"quote_id":"qt_000002","payment_method_id":"pm_fund"}"#),
    ("POST", "/v1/repayments", Some("s-3"), r#"{"quote_id":"qt_000002","payment_method_id":"pm_fund"}"#),
    ("POST", "/v1/bills/bill_settled/quotes", None, r#"{"scope":"settle"}"#),
    ("POST", "/v1/bills/bill_on_schedule/quotes", None, r#"{"scope":"settle"}"#),
    ("GET", "/v1/repayments", None, ""),
    ("GET", "/v1/repayments?bill_id=bill_overdue", None, ""),
    ("GET", "/v1/bills?status=bogus", None, ""),
    ("POST", "/v1/eligibility", None, r#"{"amount": 12.5}"#),
];

#[tokio::test]
async fn the_server_and_the_in_process_mock_answer_a_scenario_identically() {
    let api = Api::new("demo-good", true).await;
    let mut mock = Sandbox::demo(NOW, Policy::default());
    let mut statuses = Vec::new();
    for (method, path, key, body) in SCENARIO {
        let (path_only, query) = path.split_once('?').unwrap_or((path, ""));
        let local = mock.handle(
            &HttpRequest {
                method,
                path: path_only,
                query,
                authorization: Some("Bearer demo-good"),
                idempotency_key: *key,
                origin: None,
                body: body.as_bytes(),
            },
            NOW,
        );
        let body = (!body.is_empty()).then_some(*body);
        let (status, remote) =
            api.send(Method::from_bytes(method.as_bytes()).unwrap(), path, *key, None, body).await.unwrap();
        assert_eq!((status.as_u16(), remote.as_str()), (local.status, local.body.as_str()), "{method} {path}");
        statuses.push(local.status);
    }
    // The scenario really walks the story (a drift in ids would turn it into a list of 404s).
    assert_eq!(
        statuses,
        [200, 200, 200, 201, 201, 409, 200, 200, 201, 200, 201, 201, 410, 422, 201, 200, 200, 400, 400]
    );
}

/// Autopay over HTTP, and the sandbox's clock moved ahead: the due date passes, the installment
/// is charged once (a record marked autopay), and the clock refuses to go back or too far.
#[tokio::test]
async fn autopay_charges_when_the_clock_passes_a_due_date() {
    let api = Api::new("demo-good", true).await;
    let on = api.send(
        Method::PUT,
        "/v1/bills/bill_on_schedule/autopay",
        None,
        None,
        Some(r#"{"payment_method_id":"pm_card_1234"}"#),
    );
    let bill: Bill = json(on.await.unwrap());
    assert!(bill.autopay.is_some());
    let first = bill.installments[0].clone();
    // An order placed and captured through the API: its charge tells the merchant, once.
    let order = ORDER.replace("ORDER-1001", "ORDER-AUTOPAY").replace("1299.00", "600.00");
    let auth: Order = json(api.post("/v1/orders", Some("o-autopay"), &order).await);
    let capture = format!(
        r#"{{"authorization_id":"{}","order_amount":{{"amount":"600.00","currency":"CNY"}},"capture_amount":{{"amount":"600.00","currency":"CNY"}}}}"#,
        auth.id
    );
    let merchant = Api { token: DEMO_SECRET_KEY, base: api.base.clone(), client: api.client.clone() };
    let captured: Order =
        json(merchant.post("/v1/merchant/orders/ORDER-AUTOPAY/capture", Some("c-autopay"), &capture).await);
    let bill_path = format!("/v1/bills/{}/autopay", captured.bill_id.unwrap_or_default());
    let on = api.send(Method::PUT, &bill_path, None, None, Some(r#"{"payment_method_id":"pm_balance"}"#));
    let bill: Bill = json(on.await.unwrap());
    assert!(bill.autopay.is_some());
    let clock = |body: &'static str| api.client.post(format!("{}/sandbox/clock", api.base)).body(body).send();
    assert_eq!(clock(r#"{"days":0}"#).await.unwrap().status(), StatusCode::BAD_REQUEST);
    assert_eq!(clock(r#"{"days":-1}"#).await.unwrap().status(), StatusCode::BAD_REQUEST);
    assert_eq!(clock(r#"{"days":4000}"#).await.unwrap().status(), StatusCode::BAD_REQUEST);
    let moved = clock(r#"{"days":31}"#).await.unwrap();
    assert_eq!(moved.status(), StatusCode::OK);
    let answer: serde_json::Value = serde_json::from_str(&moved.text().await.unwrap()).unwrap();
    assert_eq!(answer["ahead_seconds"], 31 * 86_400);
    assert!(answer["now"].as_str().unwrap().starts_with("2026-12-24T10:00:00+08:00"), "{answer}");
    let after: Bill = json(api.get("/v1/bills/bill_on_schedule").await);
    assert_eq!(after.installments[0].paid_on, Some(first.due_date));
    let records: RepaymentList = json(api.get("/v1/repayments?bill_id=bill_on_schedule").await);
    assert_eq!(records.repayments.iter().filter(|r| r.autopay).count(), 1);
    assert_eq!(records.repayments[0].amount, first.amount);

    // (The clock moved 31 days above: the order's first due date passed too.)
    let _ = api.get("/v1/me").await;
    let events: paylater_core::api::EventList = json(merchant.get("/v1/merchant/events?limit=200").await);
    let made: Vec<_> = events
        .events
        .iter()
        .filter(|e| e.event_type == paylater_core::api::EventType::RepaymentMade && e.order.order_id == "ORDER-AUTOPAY")
        .collect();
    assert_eq!(made.len(), 1, "{events:?}");
    assert_eq!(made[0].repayment.as_ref().map(|r| r.installments.clone()), Some(vec![1]));
}

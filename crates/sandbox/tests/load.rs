//! A bounded load test of the HTTP sandbox on loopback (issue 7): many checkouts in flight at once
//! (the shopper authorizes, the merchant's server captures), then many repayments in flight at once,
//! each sent once for real, twice more as replays with the same Idempotency-Key, and once with
//! the same key but another body. Afterwards the books must balance: money taken from payment
//! methods == money credited to bills == the sum of the repayment records; no key is debited
//! twice; every request got an answer. Prints its figures (requests, answers by kind, p50/p99).
//!
//! What it proves, and what not: the server applies every request to the state machine under one
//! lock, one at a time, so nothing here runs in parallel inside the sandbox. It proves that
//! requests arriving together over HTTP, interleaved in whatever order the connections deliver
//! them (replays racing their originals, conflicting bodies under one key), each get one answer
//! and leave the books balanced.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use paylater_core::api::{BillList, InstallmentStatus, Order, PaymentMethodList, Quote, RepaymentList};
use paylater_core::sandbox::seed::DEMO_SECRET_KEY;
use paylater_core::{Currency, Money};
use paylater_sandbox::{Config, app, serve};
use reqwest::{Client, Method};
use tokio::task::JoinSet;

const BILLS: usize = 200;
const TOKEN: &str = "demo-good";

struct Outcome {
    label: String,
    elapsed: Duration,
}

/// Every repayment record, page after page.
async fn all_records(client: &Client, base: &str) -> RepaymentList {
    let mut all = RepaymentList { repayments: Vec::new(), next_cursor: None };
    let mut path = "/v1/repayments?limit=200".to_owned();
    loop {
        let page: RepaymentList =
            serde_json::from_str(&send(client, base, Method::GET, &path, None, None).await.1).unwrap();
        all.repayments.extend(page.repayments);
        match page.next_cursor {
            Some(cursor) => path = format!("/v1/repayments?limit=200&cursor={cursor}"),
            None => return all,
        }
    }
}

/// Every bill, page after page.
async fn all_bills(client: &Client, base: &str) -> BillList {
    let mut all = BillList { bills: Vec::new(), next_cursor: None };
    let mut path = "/v1/bills?status=all&limit=200".to_owned();
    loop {
        let page: BillList = serde_json::from_str(&send(client, base, Method::GET, &path, None, None).await.1).unwrap();
        all.bills.extend(page.bills);
        match page.next_cursor {
            Some(cursor) => path = format!("/v1/bills?status=all&limit=200&cursor={cursor}"),
            None => return all,
        }
    }
}

async fn send(
    client: &Client,
    base: &str,
    method: Method,
    path: &str,
    key: Option<&str>,
    body: Option<String>,
) -> (u16, String, Duration) {
    send_as(client, base, TOKEN, method, path, key, body).await
}

async fn send_as(
    client: &Client,
    base: &str,
    credential: &str,
    method: Method,
    path: &str,
    key: Option<&str>,
    body: Option<String>,
) -> (u16, String, Duration) {
    let started = Instant::now();
    let mut request =
        client.request(method, format!("{base}{path}")).header("authorization", format!("Bearer {credential}"));
    if let Some(key) = key {
        request = request.header("idempotency-key", key);
    }
    if let Some(body) = body {
        request = request.header("content-type", "application/json").body(body);
    }
    match request.send().await {
        Ok(response) => {
            let status = response.status().as_u16();
            let text = response.text().await.unwrap_or_default();
            (status, text, started.elapsed())
        }
        Err(e) => (0, e.to_string(), started.elapsed()),
    }
}

fn label(status: u16, body: &str) -> String {
    if status < 300 {
        return format!("{status}");
    }
    let code = serde_json::from_str::<serde_json::Value>(body).ok().and_then(|v| v["code"].as_str().map(str::to_owned));
    format!("{status} {}", code.unwrap_or_else(|| "no answer".into()))
}

fn sum(items: impl IntoIterator<Item = Money>) -> Money {
    items.into_iter().fold(Money::zero(Currency::CNY), |a, m| a.checked_add(&m).unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_in_flight_together_with_replays_and_conflicts_each_get_one_answer_and_keep_the_books() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(serve(listener, app(&Config { log_requests: false, ..Config::default() })));
    let client = Client::builder().timeout(Duration::from_secs(20)).pool_max_idle_per_host(64).build().unwrap();
    let started = Instant::now();
    let mut outcomes: Vec<Outcome> = Vec::new();

    // 1. Checkouts, concurrently: the shopper authorizes, the merchant's server captures (twice,
    //    under one key: one bill each).
    let mut tasks = JoinSet::new();
    for i in 0..BILLS {
        let (client, base) = (client.clone(), base.clone());
        tasks.spawn(async move {
            let body = format!(
                r#"{{"merchant_id":"M-DEMO-SHOP","order_id":"LOAD-{i}","amount":{{"amount":"50.00","currency":"CNY"}},"plan":"installments_3"}}"#
            );
            let (status, text, elapsed) = send(&client, &base, Method::POST, "/v1/orders", Some(&format!("order-{i}")), Some(body)).await;
            let mut results = vec![(format!("order {}", label(status, &text)), elapsed, None)];
            let Ok(auth) = serde_json::from_str::<Order>(&text) else { return results };
            let capture = format!(
                r#"{{"authorization_id":"{}","order_amount":{{"amount":"50.00","currency":"CNY"}},"capture_amount":{{"amount":"50.00","currency":"CNY"}}}}"#,
                auth.id
            );
            let path = format!("/v1/merchant/orders/LOAD-{i}/capture");
            let mut attempts = JoinSet::new();
            for _ in 0..2 {
                let (client, base, path, capture) = (client.clone(), base.clone(), path.clone(), capture.clone());
                attempts.spawn(async move {
                    send_as(&client, &base, DEMO_SECRET_KEY, Method::POST, &path, Some(&format!("capture-{i}")), Some(capture)).await
                });
            }
            while let Some(done) = attempts.join_next().await {
                let (status, text, elapsed) = done.unwrap();
                let bill = serde_json::from_str::<Order>(&text).ok().and_then(|o| o.bill_id);
                results.push((format!("capture {}", label(status, &text)), elapsed, bill));
            }
            results
        });
    }
    let mut bill_ids = Vec::new();
    while let Some(done) = tasks.join_next().await {
        for (label, elapsed, bill) in done.unwrap() {
            outcomes.push(Outcome { label, elapsed });
            bill_ids.extend(bill);
        }
    }
    bill_ids.sort();
    let captures = bill_ids.len();
    bill_ids.dedup();
    assert_eq!((captures, bill_ids.len()), (2 * BILLS, BILLS), "both captures of a key answer its one bill");

    let methods_before: PaymentMethodList =
        serde_json::from_str(&send(&client, &base, Method::GET, "/v1/payment-methods", None, None).await.1).unwrap();
    let records_before = all_records(&client, &base).await;

    // 2. Per bill: a quote, then four concurrent payments under one key: the real one, two
    //    replays, and one with another payment method (a conflict, or the first if it won).
    let mut tasks = JoinSet::new();
    for (i, bill_id) in bill_ids.iter().enumerate() {
        let (client, base, bill_id) = (client.clone(), base.clone(), bill_id.clone());
        tasks.spawn(async move {
            let (status, text, elapsed) = send(
                &client,
                &base,
                Method::POST,
                &format!("/v1/bills/{bill_id}/quotes"),
                None,
                Some(r#"{"scope":"next_installment"}"#.into()),
            )
            .await;
            let mut results = vec![(format!("quote {}", label(status, &text)), elapsed, None)];
            let Ok(quote) = serde_json::from_str::<Quote>(&text) else { return results };
            let key = format!("pay-{i}");
            let body = |method: &str| format!(r#"{{"quote_id":"{}","payment_method_id":"{method}"}}"#, quote.id);
            let mut attempts = JoinSet::new();
            for method in ["pm_card_1234", "pm_card_1234", "pm_card_1234", "pm_balance"] {
                let (client, base, key, body) = (client.clone(), base.clone(), key.clone(), body(method));
                attempts.spawn(async move {
                    send(&client, &base, Method::POST, "/v1/repayments", Some(&key), Some(body)).await
                });
            }
            while let Some(done) = attempts.join_next().await {
                let (status, text, elapsed) = done.unwrap();
                let receipt = (status == 201)
                    .then(|| serde_json::from_str::<serde_json::Value>(&text).ok())
                    .flatten()
                    .and_then(|v| v["repayment"]["receipt_number"].as_str().map(str::to_owned));
                results.push((
                    format!("repayment {}", label(status, &text)),
                    elapsed,
                    receipt.map(|r| (key.clone(), r)),
                ));
            }
            results
        });
    }
    let mut receipts_by_key: BTreeMap<String, Vec<String>> = BTreeMap::new();
    while let Some(done) = tasks.join_next().await {
        for (label, elapsed, receipt) in done.unwrap() {
            outcomes.push(Outcome { label, elapsed });
            if let Some((key, receipt)) = receipt {
                receipts_by_key.entry(key).or_default().push(receipt);
            }
        }
    }

    // 3. The books.
    let methods_after: PaymentMethodList =
        serde_json::from_str(&send(&client, &base, Method::GET, "/v1/payment-methods", None, None).await.1).unwrap();
    let records_after = all_records(&client, &base).await;
    let bills = all_bills(&client, &base).await;
    let debited = sum(methods_before.payment_methods.iter().map(|m| m.available))
        .checked_sub(&sum(methods_after.payment_methods.iter().map(|m| m.available)))
        .unwrap();
    let new_records: Vec<_> =
        records_after.repayments.iter().filter(|r| !records_before.repayments.contains(r)).collect();
    let recorded = sum(new_records.iter().map(|r| r.amount));
    let credited = sum(bills
        .bills
        .iter()
        .filter(|b| b.order_id.starts_with("LOAD-"))
        .flat_map(|b| b.installments.iter())
        .filter(|i| i.status == InstallmentStatus::Paid)
        .map(|i| i.amount));
    let elapsed = started.elapsed();

    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for o in &outcomes {
        *kinds.entry(o.label.as_str()).or_default() += 1;
    }
    let mut latencies: Vec<Duration> = outcomes.iter().map(|o| o.elapsed).collect();
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 - 1.0) * p).round() as usize];
    println!(
        "sandbox load test: {} requests in {:.2?} on loopback ({BILLS} bills, 4 payment attempts per key)",
        outcomes.len(),
        elapsed
    );
    for (kind, count) in &kinds {
        println!("  {kind:<40} {count:>6}");
    }
    println!("  latency p50 {:.2?}  p99 {:.2?}  max {:.2?}", pct(0.5), pct(0.99), latencies[latencies.len() - 1]);
    println!(
        "  debited from methods {debited}, credited to bills {credited}, sum of new records {recorded} ({} records)",
        new_records.len()
    );

    assert!(outcomes.iter().all(|o| !o.label.contains("no answer")), "every request got an answer: {kinds:?}");
    assert_eq!(debited, recorded, "money debited from methods == sum of records");
    assert_eq!(credited, recorded, "money credited to bills == sum of records");
    assert_eq!(new_records.len(), BILLS, "one repayment per bill");
    assert_eq!(bills.bills.iter().filter(|b| b.order_id.starts_with("LOAD-")).count(), BILLS, "one bill per order");
    for (key, receipts) in &receipts_by_key {
        assert!(receipts.iter().all(|r| r == &receipts[0]), "{key} answered with one receipt: {receipts:?}");
    }
    let mut receipts: Vec<&str> = new_records.iter().map(|r| r.receipt_number.as_str()).collect();
    receipts.sort();
    receipts.dedup();
    assert_eq!(receipts.len(), BILLS, "no key debited twice");
}

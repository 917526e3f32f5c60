//! The deliverer: every tick it expires authorizations past their time and POSTs the webhook
//! deliveries that are due, signed, to the merchant's URL (a failure is tried again with backoff).

use std::sync::Arc;
use std::time::Duration;

use axum::http::header;
use paylater_core::sandbox::webhooks::{SIGNATURE_HEADER, WebhookDelivery};
use time::OffsetDateTime;

use crate::{AppState, lock};

/// POSTs one webhook delivery; whether the merchant's endpoint answered 2xx.
async fn deliver(client: &reqwest::Client, delivery: &WebhookDelivery) -> bool {
    let sent = client
        .post(&delivery.url)
        .header(header::CONTENT_TYPE, "application/json")
        .header(SIGNATURE_HEADER, &delivery.signature)
        .header("PayLater-Event-Id", &delivery.event_id)
        .body(delivery.body.clone())
        .send()
        .await;
    sent.is_ok_and(|r| r.status().is_success())
}

/// Every `tick`: expires what is due and sends the webhook deliveries that are due.
pub(crate) async fn run_deliverer(state: Arc<AppState>, tick: Duration, timeout: Duration, log: bool) {
    let client = match reqwest::Client::builder().timeout(timeout).build() {
        Ok(client) => client,
        Err(e) => {
            eprintln!("webhooks: cannot make an HTTP client ({e}); no deliveries");
            return;
        }
    };
    loop {
        tokio::time::sleep(tick).await;
        let due = {
            let mut sandbox = lock(&state.sandbox);
            let now = state.now();
            sandbox.sweep(now);
            sandbox.run_autopay(now);
            // Deliveries go by the real clock even when the sandbox's is frozen (--now): the
            // merchant checks the signature's timestamp against its own clock.
            sandbox.due_webhooks(OffsetDateTime::now_utc())
        };
        for delivery in due {
            let (state, client) = (state.clone(), client.clone());
            tokio::spawn(async move {
                let ok = deliver(&client, &delivery).await;
                if log {
                    let outcome = if ok { "delivered" } else { "failed, will retry" };
                    eprintln!(
                        "webhook {} attempt {} to {}: {outcome}",
                        delivery.event_id, delivery.attempt, delivery.url
                    );
                }
                let now = OffsetDateTime::now_utc();
                let mut sandbox = lock(&state.sandbox);
                if ok {
                    sandbox.webhook_delivered(&delivery.event_id, now);
                } else {
                    sandbox.webhook_failed(&delivery.event_id, now);
                }
            });
        }
    }
}

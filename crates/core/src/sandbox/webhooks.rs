//! Webhook events: recorded by the state machine, listed by `GET /v1/merchant/events`, and
//! delivered by the sandbox server to the merchant's URL, signed, retried with backoff until a
//! 2xx answer (the in-browser mock records them and delivers nothing).
//!
//! **Signature.** Each delivery carries
//! `PayLater-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` where `secret`
//! is the merchant's webhook secret (`whsec_…`) and `body` the exact bytes posted; `t` is the
//! time of that attempt. A merchant recomputes the HMAC over the bytes it received, compares in
//! constant time, and refuses a `t` older than a tolerance (five minutes) so a recorded delivery
//! cannot be replayed later; it handles each event `id` once. [`verify_signature`] is the
//! reference implementation.
//!
//! **Retries.** A delivery that fails (no answer, or not 2xx) is tried again after
//! `base × 2^(attempt − 1)` (base 1 s by default, at most one hour between tries), up to
//! [`MAX_ATTEMPTS`] attempts; events stay listable whatever happened to their delivery.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use time::{Duration, OffsetDateTime};

use super::Sandbox;
use crate::api::{EventRepayment, EventType, Order, Refund, WebhookEvent};

/// Attempts before a delivery is given up (the event stays in the event list).
pub const MAX_ATTEMPTS: u32 = 16;
/// Longest wait between two attempts.
pub const MAX_BACKOFF: Duration = Duration::hours(1);
/// How long a delivery handed to the server may take before it is handed out again.
pub const IN_FLIGHT: Duration = Duration::seconds(30);
/// Events kept (oldest dropped first), so a sandbox left running stays bounded.
pub const MAX_EVENTS: usize = 20_000;
/// The header carrying the signature.
pub const SIGNATURE_HEADER: &str = "PayLater-Signature";
/// A merchant refuses a signature older (or newer) than this.
pub const SIGNATURE_TOLERANCE: Duration = Duration::minutes(5);

/// Where one event's delivery stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Delivery {
    pub attempts: u32,
    /// When to try next; `None` once delivered or given up.
    pub next_attempt_at: Option<OffsetDateTime>,
    pub delivered_at: Option<OffsetDateTime>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct StoredEvent {
    pub event: WebhookEvent,
    pub delivery: Delivery,
}

/// One delivery for the server to make: POST `body` to `url` with these headers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebhookDelivery {
    pub event_id: String,
    pub url: String,
    pub body: String,
    /// The `PayLater-Signature` header's value.
    pub signature: String,
    /// 1 for the first try.
    pub attempt: u32,
}

/// `t=<unix>,v1=<hex>` over `"<t>.<body>"`.
pub fn sign(secret: &str, body: &str, at: OffsetDateTime) -> String {
    let t = at.unix_timestamp();
    format!("t={t},v1={}", hex_hmac(secret, &format!("{t}.{body}")))
}

fn hex_hmac(secret: &str, message: &str) -> String {
    // HMAC accepts keys of any length: this cannot fail.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else { return String::new() };
    mac.update(message.as_bytes());
    mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
}

/// Why a delivery's signature was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignatureError {
    /// The header is not `t=<unix>,v1=<hex>`.
    Malformed,
    /// `t` is further from now than the tolerance: a replay, or a badly wrong clock.
    Stale,
    /// The HMAC does not match: another secret, or a changed body.
    Mismatch,
}

/// Checks a `PayLater-Signature` header against `body`, as a merchant's server should.
pub fn verify_signature(
    secret: &str,
    header: &str,
    body: &str,
    now: OffsetDateTime,
    tolerance: Duration,
) -> Result<(), SignatureError> {
    let mut t = None;
    let mut v1 = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", value)) => t = value.parse::<i64>().ok(),
            Some(("v1", value)) => v1.push(value),
            _ => {}
        }
    }
    let (Some(t), false) = (t, v1.is_empty()) else { return Err(SignatureError::Malformed) };
    let age = now.unix_timestamp().saturating_sub(t).abs();
    if age > tolerance.whole_seconds() {
        return Err(SignatureError::Stale);
    }
    let expected = hex_hmac(secret, &format!("{t}.{body}"));
    let matches = |given: &str| {
        given.len() == expected.len() && given.bytes().zip(expected.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
    };
    if v1.into_iter().any(matches) { Ok(()) } else { Err(SignatureError::Mismatch) }
}

/// What an event carries besides the order.
pub(super) enum EventDetail {
    None,
    Refund(Refund),
    Repayment(EventRepayment),
}

impl Sandbox {
    /// Records an event for the order's merchant (delivered if the merchant has a webhook URL).
    pub(super) fn record_event(
        &mut self,
        event_type: EventType,
        order: &Order,
        detail: EventDetail,
        now: OffsetDateTime,
    ) {
        let id = format!("evt_{:06}", self.next_event);
        self.next_event += 1;
        let (refund, repayment) = match detail {
            EventDetail::None => (None, None),
            EventDetail::Refund(r) => (Some(r), None),
            EventDetail::Repayment(r) => (None, Some(r)),
        };
        let event = WebhookEvent {
            id,
            event_type,
            created_at: now,
            merchant_id: order.merchant_id.clone(),
            order: order.clone(),
            refund,
            repayment,
        };
        self.events.push(StoredEvent {
            event,
            delivery: Delivery { attempts: 0, next_attempt_at: Some(now), delivered_at: None },
        });
        if self.events.len() > MAX_EVENTS {
            let excess = self.events.len() - MAX_EVENTS;
            self.events.drain(..excess);
        }
    }

    /// The deliveries due at `now`, signed at `now`; each is handed out once until it succeeds,
    /// fails, or stays unanswered for [`IN_FLIGHT`]. An event's first delivery is due at once,
    /// whatever its `created_at` (a sandbox on a frozen clock stamps events with that clock, and
    /// its server delivers and signs by the real one).
    pub fn due_webhooks(&mut self, now: OffsetDateTime) -> Vec<WebhookDelivery> {
        let mut due = Vec::new();
        for stored in &mut self.events {
            let Some(next) = stored.delivery.next_attempt_at else { continue };
            if stored.delivery.attempts > 0 && next > now {
                continue;
            }
            let Some(merchant) = self.merchants.get(&stored.event.merchant_id) else { continue };
            let Some(url) = merchant.webhook_url.clone() else { continue };
            let Ok(body) = serde_json::to_string(&stored.event) else { continue };
            stored.delivery.attempts += 1;
            stored.delivery.next_attempt_at = Some(now + IN_FLIGHT);
            due.push(WebhookDelivery {
                event_id: stored.event.id.clone(),
                url,
                signature: sign(&merchant.webhook_secret, &body, now),
                body,
                attempt: stored.delivery.attempts,
            });
        }
        due
    }

    /// The merchant's endpoint answered 2xx.
    pub fn webhook_delivered(&mut self, event_id: &str, now: OffsetDateTime) {
        if let Some(stored) = self.events.iter_mut().find(|e| e.event.id == event_id) {
            stored.delivery.next_attempt_at = None;
            stored.delivery.delivered_at = Some(now);
        }
    }

    /// The delivery failed: try again after the backoff, or give up after [`MAX_ATTEMPTS`].
    pub fn webhook_failed(&mut self, event_id: &str, now: OffsetDateTime) {
        let base = Duration::milliseconds(i64::from(self.policy.webhook_retry_base_ms));
        if let Some(stored) = self.events.iter_mut().find(|e| e.event.id == event_id) {
            let attempts = stored.delivery.attempts;
            stored.delivery.next_attempt_at = (attempts < MAX_ATTEMPTS).then(|| {
                let factor = 1i32.checked_shl(attempts.saturating_sub(1).min(20)).unwrap_or(i32::MAX);
                now + (base * factor).min(MAX_BACKOFF)
            });
        }
    }

    /// How many events wait for a delivery (for the server's log and tests).
    pub fn pending_webhooks(&self) -> usize {
        self.events.iter().filter(|e| e.delivery.next_attempt_at.is_some()).count()
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn a_signature_verifies_and_a_change_a_stale_time_or_another_secret_does_not() {
        let at = datetime!(2026-11-24 10:00 UTC);
        let body = r#"{"id":"evt_000001"}"#;
        let header = sign("whsec_a", body, at);
        assert!(header.starts_with(&format!("t={},v1=", at.unix_timestamp())));
        assert_eq!(verify_signature("whsec_a", &header, body, at + Duration::minutes(4), SIGNATURE_TOLERANCE), Ok(()));
        assert_eq!(
            verify_signature("whsec_a", &header, body, at + Duration::minutes(6), SIGNATURE_TOLERANCE),
            Err(SignatureError::Stale)
        );
        assert_eq!(verify_signature("whsec_b", &header, body, at, SIGNATURE_TOLERANCE), Err(SignatureError::Mismatch));
        assert_eq!(
            verify_signature("whsec_a", &header, &body.replace('1', "2"), at, SIGNATURE_TOLERANCE),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(verify_signature("whsec_a", "v1=00", body, at, SIGNATURE_TOLERANCE), Err(SignatureError::Malformed));
    }

    #[test]
    fn the_hmac_is_the_standard_one() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        assert_eq!(
            hex_hmac("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}

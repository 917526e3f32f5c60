//! The teller of the sandbox's story (`story`): sends each request through the router, keeps
//! every exchange, turns the answers into examples and collects the steps that answer otherwise.

use std::fmt::Debug;

use paylater_core::api::{ErrorCode, Problem, QuoteRequest};
use paylater_core::sandbox::Sandbox;
use paylater_core::sandbox::router::HttpResponse;
use paylater_core::sandbox::webhooks::WebhookDelivery;
use serde::Serialize;
use serde::de::DeserializeOwned;
use time::OffsetDateTime;

use crate::common::{self, Call, NOW};
use crate::examples::Examples;

/// One request the sandbox answered.
#[derive(Clone, Debug)]
pub struct Exchange {
    pub method: String,
    /// With its query, as sent.
    pub path: String,
    pub response: HttpResponse,
}

/// Examples built by the sandbox, every answer it gave on the way, and the steps that went wrong.
pub struct Story {
    pub examples: Examples,
    pub exchanges: Vec<Exchange>,
    /// The webhook deliveries of the merchant's events, signed.
    pub deliveries: Vec<WebhookDelivery>,
    /// Each step that did not answer as expected, named.
    pub failures: Vec<String>,
}

/// The body type of a call without a body (any request type does; none is sent).
type NoBody = QuoteRequest;

/// A request the sandbox must refuse: what it tries, `METHOD path`, the credential, the
/// Idempotency-Key, the body, and the code of the refusal.
pub type Refusal<'a> = (&'a str, &'a str, &'a str, Option<&'a str>, &'a str, ErrorCode);

pub fn json<B: Serialize>(body: &B) -> String {
    serde_json::to_string(body).expect("serializes")
}

pub struct Teller {
    pub sb: Sandbox,
    pub story: Story,
}

impl Teller {
    /// Sends a request, keeping the exchange.
    pub fn send(&mut self, request: Call<'_>, now: OffsetDateTime) -> HttpResponse {
        let (method, path) = (request.method.to_owned(), request.path.to_owned());
        let response = common::call(&mut self.sb, request, now);
        self.story.exchanges.push(Exchange { method, path, response: response.clone() });
        response
    }

    /// Keeps `failure` unless `holds`.
    pub fn expect(&mut self, holds: bool, failure: String) {
        if !holds {
            self.story.failures.push(failure);
        }
    }

    /// A call that must succeed; its answer (and its body, if any) become examples.
    #[allow(clippy::too_many_arguments)]
    pub fn ok_at<T, B>(
        &mut self,
        label: &str,
        method: &str,
        path: &str,
        credential: &str,
        key: Option<&str>,
        body: Option<&B>,
        now: OffsetDateTime,
    ) -> T
    where
        T: Serialize + DeserializeOwned + PartialEq + Debug,
        B: Serialize + DeserializeOwned + PartialEq + Debug,
    {
        let text = body.map(json).unwrap_or_default();
        let response = self.send(Call { key, body: text, ..Call::new(method, path, credential) }, now);
        assert!(response.status < 300, "{label}: {method} {path} answered {} {}", response.status, response.body);
        let value: T =
            serde_json::from_str(&response.body).unwrap_or_else(|e| panic!("{label}: {e}: {}", response.body));
        if let Some(b) = body {
            self.story.examples.add(format!("{label} (request)"), b);
        }
        self.story.examples.add(label, &value);
        value
    }

    /// A `GET` that must succeed, at `now`.
    pub fn get_at<T: Serialize + DeserializeOwned + PartialEq + Debug>(
        &mut self,
        label: &str,
        path: &str,
        credential: &str,
        now: OffsetDateTime,
    ) -> T {
        self.ok_at::<T, NoBody>(label, "GET", path, credential, None, None, now)
    }

    pub fn ok<T: Serialize + DeserializeOwned + PartialEq + Debug>(
        &mut self,
        label: &str,
        path: &str,
        credential: &str,
    ) -> T {
        self.get_at(label, path, credential, NOW)
    }

    pub fn post<T, B>(&mut self, label: &str, path: &str, credential: &str, key: Option<&str>, body: &B) -> T
    where
        T: Serialize + DeserializeOwned + PartialEq + Debug,
        B: Serialize + DeserializeOwned + PartialEq + Debug,
    {
        self.ok_at(label, "POST", path, credential, key, Some(body), NOW)
    }

    /// A request that must be refused with its code, as a problem+json.
    pub fn refuse(&mut self, (what, request, credential, key, body, code): Refusal<'_>) {
        let (method, path) = request.split_once(' ').expect("a request is `METHOD path`");
        let call = Call { key, body: body.to_owned(), ..Call::new(method, path, credential) };
        let response = self.send(call, NOW);
        let answered = serde_json::from_str::<Problem>(&response.body).map(|p| p.code).ok();
        self.expect(
            (response.status, answered) == (code.http_status(), Some(code)),
            format!("{what} ({request}): expected {} {}, got {}", code.http_status(), code.as_str(), response.body),
        );
    }

    pub fn refuse_all(&mut self, table: &[Refusal<'_>]) {
        for &refusal in table {
            self.refuse(refusal);
        }
    }
}

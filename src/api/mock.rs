//! The in-browser mock: the core's sandbox state machine running in the page, answering through
//! the same router as the sandbox server. One sandbox per page, so every widget on a page sees
//! the same bills.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use gloo_timers::future::sleep;
use paylater_core::Policy;
use paylater_core::client::{ApiRequest, RawResponse};
use paylater_core::sandbox::Sandbox;
use paylater_core::sandbox::router::HttpRequest;
use paylater_core::time::OffsetDateTime;

/// Where the mock's "now" comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MockClock {
    /// The browser's clock.
    System,
    /// A fixed instant (tests).
    Frozen(OffsetDateTime),
}

impl MockClock {
    pub fn now(self) -> OffsetDateTime {
        match self {
            MockClock::Frozen(at) => at,
            MockClock::System => {
                let nanos = (js_sys::Date::now() * 1_000_000.0) as i128;
                OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap_or(OffsetDateTime::UNIX_EPOCH)
            }
        }
    }
}

thread_local! {
    static PAGE_SANDBOX: RefCell<Option<Rc<RefCell<Sandbox>>>> = const { RefCell::new(None) };
}

/// The page's one sandbox, seeded with the demo shoppers on first use.
fn page_sandbox() -> Rc<RefCell<Sandbox>> {
    PAGE_SANDBOX.with(|cell| {
        cell.borrow_mut()
            .get_or_insert_with(|| Rc::new(RefCell::new(Sandbox::demo(MockClock::System.now(), Policy::default()))))
            .clone()
    })
}

/// Answers requests from a sandbox in the page.
#[derive(Clone)]
pub struct MockTransport {
    sandbox: Rc<RefCell<Sandbox>>,
    latency: Duration,
    clock: MockClock,
    failures: Rc<std::cell::Cell<u32>>,
}

impl MockTransport {
    /// The page's shared sandbox (seeded with the demo shoppers on first use).
    pub fn shared(latency: Duration) -> MockTransport {
        MockTransport { sandbox: page_sandbox(), latency, clock: MockClock::System, failures: Rc::default() }
    }

    /// A sandbox of its own with its own clock (tests).
    pub fn isolated(clock: MockClock, latency: Duration) -> MockTransport {
        MockTransport::with_policy(clock, latency, Policy::default())
    }

    /// A sandbox of its own with its own clock and policy (tests: e.g. quotes that expire fast).
    pub fn with_policy(clock: MockClock, latency: Duration, policy: Policy) -> MockTransport {
        MockTransport {
            sandbox: Rc::new(RefCell::new(Sandbox::demo(clock.now(), policy))),
            latency,
            clock,
            failures: Rc::default(),
        }
    }

    /// The sandbox behind this mock (tests drive the merchant's side of it directly).
    pub fn sandbox(&self) -> Rc<RefCell<Sandbox>> {
        self.sandbox.clone()
    }

    /// A counter of calls to fail (tests): while above zero, each call answers 503 without a body,
    /// as an overloaded gateway would, and lowers it by one.
    pub fn failures(&self) -> Rc<std::cell::Cell<u32>> {
        self.failures.clone()
    }

    pub async fn send(&self, request: &ApiRequest, token: &str) -> RawResponse {
        if !self.latency.is_zero() {
            sleep(self.latency).await;
        }
        if self.failures.get() > 0 {
            self.failures.set(self.failures.get() - 1);
            return RawResponse { status: 503, body: String::new() };
        }
        let authorization = format!("Bearer {token}");
        let answer = self.sandbox.borrow_mut().handle(
            &HttpRequest {
                method: request.method.as_str(),
                path: request.path_only(),
                query: request.query(),
                authorization: (!request.public).then_some(authorization.as_str()),
                idempotency_key: request.idempotency_key.as_deref(),
                origin: None,
                body: request.body.as_deref().unwrap_or("").as_bytes(),
            },
            self.clock.now(),
        );
        RawResponse { status: answer.status, body: answer.body }
    }
}

/// The demo merchant's server, played by the page's mock (the demo page has no server): a merchant
/// API request with the demo merchant's secret key, answered by the same sandbox the widgets use.
/// Only in builds with the mock; a real merchant calls the provider from its server.
pub fn demo_merchant_request(method: &str, path: &str, body: &str, idempotency_key: Option<&str>) -> RawResponse {
    let answer =
        page_sandbox().borrow_mut().demo_merchant_request(method, path, body, idempotency_key, MockClock::System.now());
    RawResponse { status: answer.status, body: answer.body }
}

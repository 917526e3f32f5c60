//! The widget's API client. The contract's requests and the decoding of answers are the core's
//! ([`paylater_core::client`]); this module only chooses how the bytes travel:
//!
//! * [`HttpTransport`]: the provider's JSON API over HTTP with gloo-net, with a timeout per call
//!   (an `AbortController`);
//! * [`MockTransport`]: the in-browser mock, which runs the core's sandbox state machine in the
//!   page, through the same router as the sandbox server, with an optional simulated latency
//!   (feature `mock`);
//! * `PageMockTransport` (feature `page-mock`, the demo builds of the modules): the same mock,
//!   shared by the page's modules through `pay-later.js`.
//!
//! The demo uses the mock unless it is given an API base URL.

mod http;
#[cfg(feature = "mock")]
mod mock;
#[cfg(feature = "page-mock")]
mod page_mock;
pub(crate) mod prefetch;

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

pub use http::HttpTransport;
#[cfg(feature = "mock")]
pub use mock::{MockClock, MockTransport, demo_merchant_request};
#[cfg(feature = "page-mock")]
pub use page_mock::{PAGE_MOCK_GLOBAL, PageMockTransport};
use paylater_core::Money;
use paylater_core::api::{
    Activation, ActivationRequest, Agreement, AuthorizationId, AutopayRequest, Bill, BillFilter, BillId, BillList,
    CreateOrderRequest, Eligibility, EligibilityRequest, IdempotencyKey, MerchantId, Offer, Order, OrderFilter,
    OrderList, PageRequest, PaymentMethodList, Profile, Quote, QuoteRequest, RefundList, RepaymentList,
    RepaymentRequest, RepaymentResult,
};
use paylater_core::client::{self, ApiRequest, ClientError, RawResponse, decode_answer, parse_answer};
use paylater_core::json::Decode;

use crate::handover::Early;

/// How requests travel.
pub enum Transport {
    Http(HttpTransport),
    #[cfg(feature = "mock")]
    Mock(MockTransport),
    #[cfg(feature = "page-mock")]
    PageMock(PageMockTransport),
}

impl Transport {
    /// Sends `request` with the shopper's session token and returns the raw answer.
    pub async fn send(&self, request: &ApiRequest, token: &str) -> Result<RawResponse, ClientError> {
        if request.public
            && let Some(answer) = prefetch::take(&self.prefetch_key(request)).await
        {
            return Ok(answer);
        }
        match self {
            Transport::Http(http) => http.send(request, token).await,
            #[cfg(feature = "mock")]
            Transport::Mock(mock) => Ok(mock.send(request, token).await),
            #[cfg(feature = "page-mock")]
            Transport::PageMock(mock) => mock.send(request, token).await,
        }
    }
}

impl Transport {
    /// Another transport to the same API whose calls are its own: they are not aborted when this
    /// one's widget goes away (an answer handed to another module).
    pub fn detached(&self) -> Transport {
        match self {
            Transport::Http(http) => Transport::Http(http.detached()),
            #[cfg(feature = "mock")]
            Transport::Mock(mock) => Transport::Mock(mock.clone()),
            #[cfg(feature = "page-mock")]
            Transport::PageMock(mock) => Transport::PageMock(mock.clone()),
        }
    }

    /// The key the loader files a prefetched answer to `request` under: the URL it fetched, or
    /// for the page's mock `mock:` and the path with its query.
    fn prefetch_key(&self, request: &ApiRequest) -> String {
        match self {
            Transport::Http(http) => http.url(&request.path),
            #[cfg(feature = "mock")]
            Transport::Mock(_) => format!("mock:{}", request.path),
            #[cfg(feature = "page-mock")]
            Transport::PageMock(_) => format!("mock:{}", request.path),
        }
    }
}

/// The API as the components use it: one async method per call of the contract.
#[derive(Clone)]
pub struct ApiClient {
    transport: Rc<Transport>,
    /// In memory only; replaced when the merchant's page renews the session (`update`).
    token: Rc<RefCell<String>>,
    on_unauthorized: Rc<RefCell<Option<OnUnauthorized>>>,
    /// Set when the widget is unmounted: calls in flight are aborted and no new one starts.
    closed: Rc<Cell<bool>>,
}

/// What to do when the API answers 401.
type OnUnauthorized = Rc<dyn Fn()>;

/// How many times a call that changes nothing (a read, a quote, eligibility) is tried again after
/// a network error, a timeout or a server error, and the waits before each try.
pub const READ_RETRY_WAITS: [Duration; 2] = [Duration::from_millis(300), Duration::from_millis(900)];

impl ApiClient {
    pub fn new(transport: Transport, token: &str) -> ApiClient {
        ApiClient {
            transport: Rc::new(transport),
            token: Rc::new(RefCell::new(token.to_owned())),
            on_unauthorized: Rc::new(RefCell::new(None)),
            closed: Rc::new(Cell::new(false)),
        }
    }

    /// The widget is going away: aborts the calls in flight and refuses new ones, so that nothing
    /// arrives for a view that no longer exists (and no retry starts after it).
    pub fn close(&self) {
        self.closed.set(true);
        match &*self.transport {
            Transport::Http(http) => http.cancel_all(),
            #[cfg(feature = "mock")]
            Transport::Mock(_) => {} // answers at once; `closed` drops what it says
            #[cfg(feature = "page-mock")]
            Transport::PageMock(_) => {} // likewise
        }
    }

    fn closed_error() -> ClientError {
        ClientError::Network("the widget was unmounted".to_owned())
    }

    /// Uses `token` from now on (a renewed session); returns whether it changed.
    pub fn set_token(&self, token: &str) -> bool {
        let changed = *self.token.borrow() != token;
        if changed {
            *self.token.borrow_mut() = token.to_owned();
        }
        changed
    }

    /// A client for the same API and session whose calls are not aborted when this one closes:
    /// for a call whose answer another module takes (Pay later's eligibility, crate::handover).
    pub fn detached(&self) -> ApiClient {
        ApiClient::new(self.transport.detached(), &self.token.borrow())
    }

    /// Called whenever the API answers 401 (the session expired).
    pub fn on_unauthorized(&self, callback: impl Fn() + 'static) {
        *self.on_unauthorized.borrow_mut() = Some(Rc::new(callback));
    }

    /// Sends a request and returns the raw answer (for tests comparing transports).
    pub async fn send_raw(&self, request: &ApiRequest) -> Result<RawResponse, ClientError> {
        if self.closed.get() {
            return Err(Self::closed_error());
        }
        let token = self.token.borrow().clone();
        let answer = self.transport.send(request, &token).await;
        if self.closed.get() { Err(Self::closed_error()) } else { answer }
    }

    /// Sends, decodes, and tries a read again on network trouble or a server error, waiting
    /// [`READ_RETRY_WAITS`]. A call that changes the account (accepting the agreement, an order, a
    /// repayment) is sent once here: its component decides (checkout/order.rs sends an unanswered
    /// acceptance once more; orders and repayments are replayed with the same Idempotency-Key).
    async fn call<T: Decode>(&self, request: ApiRequest) -> Result<T, ClientError> {
        self.call_from(request, None).await
    }

    /// [`ApiClient::call`] whose first answer is `early`'s (sent by another module before this one
    /// arrived), if it has one: a missing or failed early answer is sent again as usual.
    async fn call_from<T: Decode>(&self, request: ApiRequest, early: Option<Early>) -> Result<T, ClientError> {
        let (status, value) = self.answer(request, early).await?;
        decode_answer(status, value)
    }

    /// The parsed JSON of a call's 2xx answer, the retries made (the same for every answer type:
    /// only [`ApiClient::call_from`]'s last step is per type).
    async fn answer(
        &self,
        request: ApiRequest,
        mut early: Option<Early>,
    ) -> Result<(u16, <crate::json::Json as paylater_core::json::Parser>::Value), ClientError> {
        let mut waits = READ_RETRY_WAITS.iter();
        loop {
            let handed = match early.take() {
                Some(Early::Settled(answer)) => Some(answer),
                Some(Early::Pending(promise)) => prefetch::settle(promise).await,
                None => None,
            };
            let raw = match handed {
                Some(raw) if !self.closed.get() => Ok(raw),
                _ => self.send_raw(&request).await,
            };
            let result = raw.and_then(|raw| parse_answer::<crate::json::Json>(&raw).map(|value| (raw.status, value)));
            match result {
                Err(e) if request.is_read() && e.retryable() => match waits.next() {
                    Some(wait) => gloo_timers::future::sleep(*wait).await,
                    None => return Err(e),
                },
                Err(e) => {
                    if e.code() == Some(paylater_core::api::ErrorCode::Unauthorized) {
                        let callback = self.on_unauthorized.borrow().clone();
                        if let Some(callback) = callback {
                            callback();
                        }
                    }
                    return Err(e);
                }
                ok => return ok,
            }
        }
    }

    /// The provider's offer for `amount` at `merchant_id` (public: no session token). The loader's
    /// prefetched answer when there is one for this very request.
    pub async fn offer(&self, amount: &Money, merchant_id: &MerchantId) -> Result<Offer, ClientError> {
        self.call(client::offer(amount, merchant_id)).await
    }

    pub async fn me(&self) -> Result<Profile, ClientError> {
        self.call(client::me()).await
    }

    pub async fn agreement(&self) -> Result<Agreement, ClientError> {
        self.call(client::agreement()).await
    }

    pub async fn activate(&self, request: &ActivationRequest) -> Result<Activation, ClientError> {
        self.call(client::activate(request)).await
    }

    /// Eligibility; `early` is the answer the offer module's Pay later already asked for.
    pub async fn eligibility(
        &self,
        request: &EligibilityRequest,
        early: Option<Early>,
    ) -> Result<Eligibility, ClientError> {
        self.call_from(client::eligibility(request), early).await
    }

    /// Authorizes the order (the merchant's server captures it).
    pub async fn create_order(
        &self,
        idempotency_key: &IdempotencyKey,
        request: &CreateOrderRequest,
    ) -> Result<Order, ClientError> {
        self.call(client::create_order(idempotency_key, request)).await
    }

    /// One of the shopper's orders, as it is now (authorized, captured, cancelled, expired).
    pub async fn order(&self, authorization_id: &AuthorizationId) -> Result<Order, ClientError> {
        self.call(client::order(authorization_id)).await
    }

    /// One page of the shopper's orders.
    pub async fn orders(&self, filter: OrderFilter, page: &PageRequest) -> Result<OrderList, ClientError> {
        self.call(client::orders(filter, page)).await
    }

    /// One page of the merchants' refunds (of one bill, or all).
    pub async fn refunds(&self, bill_id: Option<&BillId>, page: &PageRequest) -> Result<RefundList, ClientError> {
        self.call(client::refunds(bill_id, page)).await
    }

    /// One page of the shopper's bills.
    pub async fn bills(&self, filter: BillFilter, page: &PageRequest) -> Result<BillList, ClientError> {
        self.call(client::bills(filter, page)).await
    }

    pub async fn bill(&self, bill_id: &BillId) -> Result<Bill, ClientError> {
        self.call(client::bill(bill_id)).await
    }

    pub async fn quote(&self, bill_id: &BillId, request: &QuoteRequest) -> Result<Quote, ClientError> {
        self.call(client::quote(bill_id, request)).await
    }

    /// Autopay on for `bill_id` with `request`'s method: the bill as it is now.
    pub async fn set_autopay(&self, bill_id: &BillId, request: &AutopayRequest) -> Result<Bill, ClientError> {
        self.call(client::set_autopay(bill_id, request)).await
    }

    /// Autopay off for `bill_id`: the bill as it is now.
    pub async fn clear_autopay(&self, bill_id: &BillId) -> Result<Bill, ClientError> {
        self.call(client::clear_autopay(bill_id)).await
    }

    pub async fn payment_methods(&self) -> Result<PaymentMethodList, ClientError> {
        self.call(client::payment_methods()).await
    }

    pub async fn repay(
        &self,
        idempotency_key: &IdempotencyKey,
        request: &RepaymentRequest,
    ) -> Result<RepaymentResult, ClientError> {
        self.call(client::repay(idempotency_key, request)).await
    }

    /// One page of the repayment records (of one bill, or all).
    pub async fn repayments(&self, bill_id: Option<&BillId>, page: &PageRequest) -> Result<RepaymentList, ClientError> {
        self.call(client::repayments(bill_id, page)).await
    }
}

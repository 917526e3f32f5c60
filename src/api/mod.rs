//! The widget's API client. The contract's requests and the decoding of answers are the core's
//! ([`paylater_core::client`]); this module only chooses how the bytes travel:
//!
//! * [`HttpTransport`]: the provider's JSON API over HTTP with gloo-net, with a timeout per call
//!   (an `AbortController`);
//! * [`MockTransport`]: the in-browser mock, which runs the core's sandbox state machine in the
//!   page, through the same router as the sandbox server, with an optional simulated latency.
//!
//! The demo uses the mock unless it is given an API base URL.

mod http;
mod mock;

use std::rc::Rc;

pub use http::HttpTransport;
pub use mock::{MockClock, MockTransport};
use paylater_core::api::{
    Activation, ActivationRequest, Agreement, Bill, BillFilter, BillList, CreateOrderRequest, Eligibility,
    EligibilityRequest, PaymentMethodList, Profile, Quote, QuoteRequest, RepaymentList, RepaymentRequest,
    RepaymentResult,
};
use paylater_core::client::{self, ApiRequest, ClientError, RawResponse, decode};
use serde::de::DeserializeOwned;

/// The client as components find it in the reactive context (`expect_context::<ApiHandle>()`):
/// Leptos contexts must be `Send`, the client is not (it lives on the page's one thread).
pub type ApiHandle = leptos::prelude::StoredValue<ApiClient, leptos::prelude::LocalStorage>;

/// How requests travel.
pub enum Transport {
    Http(HttpTransport),
    Mock(MockTransport),
}

impl Transport {
    /// Sends `request` with the shopper's session token and returns the raw answer.
    pub async fn send(&self, request: &ApiRequest, token: &str) -> Result<RawResponse, ClientError> {
        match self {
            Transport::Http(http) => http.send(request, token).await,
            Transport::Mock(mock) => Ok(mock.send(request, token).await),
        }
    }
}

/// The API as the components use it: one async method per call of the contract.
#[derive(Clone)]
pub struct ApiClient {
    transport: Rc<Transport>,
    token: Rc<str>,
}

impl ApiClient {
    pub fn new(transport: Transport, token: &str) -> ApiClient {
        ApiClient { transport: Rc::new(transport), token: Rc::from(token) }
    }

    /// Sends a request and returns the raw answer (for tests comparing transports).
    pub async fn send_raw(&self, request: &ApiRequest) -> Result<RawResponse, ClientError> {
        self.transport.send(request, &self.token).await
    }

    async fn call<T: DeserializeOwned>(&self, request: ApiRequest) -> Result<T, ClientError> {
        decode(&self.send_raw(&request).await?)
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

    pub async fn eligibility(&self, request: &EligibilityRequest) -> Result<Eligibility, ClientError> {
        self.call(client::eligibility(request)).await
    }

    pub async fn create_order(&self, idempotency_key: &str, request: &CreateOrderRequest) -> Result<Bill, ClientError> {
        self.call(client::create_order(idempotency_key, request)).await
    }

    pub async fn bills(&self, filter: BillFilter) -> Result<BillList, ClientError> {
        self.call(client::bills(filter)).await
    }

    pub async fn bill(&self, bill_id: &str) -> Result<Bill, ClientError> {
        self.call(client::bill(bill_id)).await
    }

    pub async fn quote(&self, bill_id: &str, request: &QuoteRequest) -> Result<Quote, ClientError> {
        self.call(client::quote(bill_id, request)).await
    }

    pub async fn payment_methods(&self) -> Result<PaymentMethodList, ClientError> {
        self.call(client::payment_methods()).await
    }

    pub async fn repay(
        &self,
        idempotency_key: &str,
        request: &RepaymentRequest,
    ) -> Result<RepaymentResult, ClientError> {
        self.call(client::repay(idempotency_key, request)).await
    }

    pub async fn repayments(&self, bill_id: Option<&str>) -> Result<RepaymentList, ClientError> {
        self.call(client::repayments(bill_id)).await
    }
}

//! Writes made once per `Idempotency-Key`: every call that creates an order or moves money runs
//! through [`Sandbox::once_per_key`], which drops records past their retention, refuses a
//! malformed key, answers a repeat of the same request with the stored first answer (and the same
//! key on another request with `idempotency_conflict`), and stores a new answer. A refusal is not
//! stored: it changed nothing, so the same key may be sent again once its cause is fixed.

use time::{Duration, OffsetDateTime};

use super::{ApiError, Sandbox};
use crate::api::{
    CancelRequest, CaptureRequest, CreateOrderRequest, ErrorCode, Order, Refund, RefundRequest, RepaymentRequest,
    RepaymentResult,
};
use crate::ids::{IdempotencyKey, OrderId};

/// How long idempotency keys are kept.
pub const IDEMPOTENCY_RETENTION: Duration = Duration::hours(24);

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct IdempotencyScope {
    /// The shopper's token, or `merchant:<id>`.
    caller: String,
    operation: &'static str,
    key: IdempotencyKey,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum StoredRequest {
    Order(CreateOrderRequest),
    Repayment(RepaymentRequest),
    Capture(OrderId, CaptureRequest),
    Cancel(OrderId, CancelRequest),
    Refund(OrderId, RefundRequest),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum StoredResponse {
    Order(Box<Order>),
    Repayment(Box<RepaymentResult>),
    Refund(Box<Refund>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct IdempotencyRecord {
    request: StoredRequest,
    response: StoredResponse,
    at: OffsetDateTime,
}

/// An answer a write stores under its key, and gives back on a repeat.
pub(super) trait Replayable: Clone {
    fn stored(self) -> StoredResponse;
    fn from_stored(stored: StoredResponse) -> Option<Self>;
}

impl Replayable for Order {
    fn stored(self) -> StoredResponse {
        StoredResponse::Order(Box::new(self))
    }
    fn from_stored(stored: StoredResponse) -> Option<Self> {
        if let StoredResponse::Order(order) = stored { Some(*order) } else { None }
    }
}

impl Replayable for RepaymentResult {
    fn stored(self) -> StoredResponse {
        StoredResponse::Repayment(Box::new(self))
    }
    fn from_stored(stored: StoredResponse) -> Option<Self> {
        if let StoredResponse::Repayment(result) = stored { Some(*result) } else { None }
    }
}

impl Replayable for Refund {
    fn stored(self) -> StoredResponse {
        StoredResponse::Refund(Box::new(self))
    }
    fn from_stored(stored: StoredResponse) -> Option<Self> {
        if let StoredResponse::Refund(refund) = stored { Some(*refund) } else { None }
    }
}

fn validate_idempotency_key(key: &IdempotencyKey) -> Result<(), ApiError> {
    let ok = !key.is_empty() && key.len() <= 255 && key.bytes().all(|b| b.is_ascii_graphic());
    if ok {
        Ok(())
    } else {
        Err(ApiError::new(
            ErrorCode::InvalidRequest,
            "the Idempotency-Key header must be 1 to 255 visible ASCII characters, e.g. a UUID; send the same key again only to retry the same request",
        ))
    }
}

fn conflict() -> ApiError {
    ApiError::new(
        ErrorCode::IdempotencyConflict,
        "this Idempotency-Key was already used for a different request: use a new key for a new request",
    )
}

impl Sandbox {
    /// Runs `write` once per `(caller, operation, key)` (see the module's comment). `caller` is the
    /// shopper's session token or `merchant:<id>`; `request` is what a repeat must match.
    pub(super) fn once_per_key<T: Replayable>(
        &mut self,
        caller: String,
        operation: &'static str,
        key: &IdempotencyKey,
        request: StoredRequest,
        now: OffsetDateTime,
        write: impl FnOnce(&mut Sandbox) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        self.prune(now);
        validate_idempotency_key(key)?;
        let scope = IdempotencyScope { caller, operation, key: key.clone() };
        if let Some(record) = self.idempotency.get(&scope) {
            return if record.request == request {
                T::from_stored(record.response.clone()).ok_or_else(conflict)
            } else {
                Err(conflict())
            };
        }
        let answer = write(self)?;
        self.idempotency.insert(scope, IdempotencyRecord { request, response: answer.clone().stored(), at: now });
        Ok(answer)
    }

    /// Drops idempotency records older than [`IDEMPOTENCY_RETENTION`] and quotes long expired.
    pub(super) fn prune(&mut self, now: OffsetDateTime) {
        self.idempotency.retain(|_, r| now - r.at < IDEMPOTENCY_RETENTION);
        self.quotes.retain(|_, q| now - q.quote.expires_at < IDEMPOTENCY_RETENTION);
    }
}

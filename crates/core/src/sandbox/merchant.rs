//! The merchant's operations: what a merchant's server calls with its secret key. The router has
//! already matched the key to a merchant; every method here takes that merchant's id and only
//! ever sees that merchant's orders.

use crate::json::Quoted;
use time::OffsetDateTime;

use super::idempotency::StoredRequest;
use super::webhooks::EventDetail;
use super::{ApiError, OrderRecord, Sandbox, paginate, provider_date, require_positive, require_text};
use crate::api::{
    CancelRequest, CaptureRequest, ErrorCode, EventList, EventType, Order, OrderStatus, PageRequest, Refund,
    RefundPayback, RefundRequest, WebhookEndpoint, WebhookEndpointRequest,
};
use crate::bill::{BillRecord, BillRefund};
use crate::ids::{AuthorizationId, BillId, IdempotencyKey, MerchantId, OrderId};
use crate::plan::schedule;
use crate::refund::{RefundError, apply_refund};

/// Longest refund reason.
pub const MAX_REASON: usize = 200;
/// Longest webhook URL.
pub const MAX_URL: usize = 2048;
/// What a webhook URL may be, as the contract states it: `http://` or `https://`, a host name or
/// IPv4 address (letters, digits, dots, hyphens), an optional port, an optional path of visible
/// ASCII characters. [`valid_webhook_url`] checks exactly this.
pub const WEBHOOK_URL_PATTERN: &str = r"^https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:/[\x21-\x7E]*)?$";

/// Whether `url` matches [`WEBHOOK_URL_PATTERN`] and is at most [`MAX_URL`] characters.
pub fn valid_webhook_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("http://").or_else(|| url.strip_prefix("https://")) else { return false };
    let (authority, path) = rest.find('/').map_or((rest, ""), |i| rest.split_at(i));
    let (host, port) = authority.split_once(':').map_or((authority, None), |(h, p)| (h, Some(p)));
    let host_ok = !host.is_empty() && host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    let port_ok = port.is_none_or(|p| (1..=5).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
    let path_ok = path.bytes().all(|b| b.is_ascii_graphic());
    url.chars().count() <= MAX_URL && host_ok && port_ok && path_ok
}

impl Sandbox {
    /// The merchant whose secret key this is.
    pub fn merchant_for_key(&self, key: &str) -> Result<MerchantId, ApiError> {
        self.merchants.values().find(|m| m.secret_key.as_deref() == Some(key)).map(|m| m.id.clone()).ok_or_else(|| {
            ApiError::new(
                ErrorCode::Unauthorized,
                "this secret key is unknown or was replaced: use the key the provider gave you (sk_test_… in the sandbox)",
            )
        })
    }

    /// Expires every authorization whose `expires_at` has passed: its hold is released and
    /// `order.expired` is recorded. Runs once before every request (the router) and on the server's timer.
    pub fn sweep(&mut self, now: OffsetDateTime) {
        let due: Vec<AuthorizationId> = self
            .orders
            .values()
            .filter(|o| o.order.status == OrderStatus::Authorized && o.order.expires_at <= now)
            .map(|o| o.order.id.clone())
            .collect();
        for id in due {
            let Some(record) = self.orders.get_mut(&id) else { continue };
            record.order.status = OrderStatus::Expired;
            record.order.closed_at = Some(record.order.expires_at);
            let (order, shopper) = (record.order.clone(), record.shopper.clone());
            if let Some(s) = self.shoppers.get_mut(&shopper) {
                s.held.remove(&id);
            }
            self.record_event(EventType::OrderExpired, &order, EventDetail::None, now);
        }
    }

    /// The latest authorization of the merchant's order `order_id`.
    fn merchant_order(&self, merchant_id: &MerchantId, order_id: &OrderId) -> Result<&OrderRecord, ApiError> {
        self.orders
            .values()
            .filter(|o| o.order.merchant_id == merchant_id && o.order.order_id == order_id)
            .max_by(|a, b| a.order.created_at.cmp(&b.order.created_at).then_with(|| a.order.id.cmp(&b.order.id)))
            .ok_or_else(|| {
                ApiError::new(
                    ErrorCode::NotFound,
                    format!("no pay-later order {} for your merchant account", Quoted(order_id)),
                )
            })
    }

    /// `GET /v1/merchant/orders/{order_id}`: the order's latest authorization.
    pub fn lookup_order(&self, merchant_id: &MerchantId, order_id: &OrderId) -> Result<Order, ApiError> {
        Ok(self.merchant_order(merchant_id, order_id)?.order.clone())
    }

    /// The authorization `authorization_id` of the merchant's order `order_id`.
    fn authorization(
        &self,
        merchant_id: &MerchantId,
        order_id: &OrderId,
        authorization_id: &AuthorizationId,
    ) -> Result<Order, ApiError> {
        require_text("authorization_id", authorization_id)?;
        self.orders
            .get(authorization_id)
            .filter(|o| o.order.merchant_id == merchant_id && o.order.order_id == order_id)
            .map(|o| o.order.clone())
            .ok_or_else(|| {
                ApiError::new(
                    ErrorCode::NotFound,
                    format!(
                        "no authorization {} for your order {}: the page may have reported another order; look the order up (GET /v1/merchant/orders/{{order_id}})",
                        Quoted(authorization_id),
                        Quoted(order_id)
                    ),
                )
            })
    }

    /// Who a merchant's write is made once for (see [`Sandbox::once_per_key`]).
    fn merchant_caller(merchant_id: &MerchantId) -> String {
        format!("merchant:{merchant_id}")
    }

    /// `POST /v1/merchant/orders/{order_id}/capture`
    pub fn capture(
        &mut self,
        merchant_id: &MerchantId,
        idempotency_key: &IdempotencyKey,
        order_id: &OrderId,
        request: &CaptureRequest,
        now: OffsetDateTime,
    ) -> Result<Order, ApiError> {
        let stored = StoredRequest::Capture(order_id.clone(), request.clone());
        self.once_per_key(Self::merchant_caller(merchant_id), "capture", idempotency_key, stored, now, |sb| {
            sb.make_capture(merchant_id, order_id, request, now)
        })
    }

    /// Captures an authorization (once per key: [`Sandbox::once_per_key`]).
    fn make_capture(
        &mut self,
        merchant_id: &MerchantId,
        order_id: &OrderId,
        request: &CaptureRequest,
        now: OffsetDateTime,
    ) -> Result<Order, ApiError> {
        let order = self.authorization(merchant_id, order_id, &request.authorization_id)?;
        require_state(&order, OrderStatus::Authorized, "captured")?;
        if request.order_amount != order.amount {
            return Err(ApiError::new(
                ErrorCode::AmountMismatch,
                format!(
                    "your order amount {} is not the {} the shopper authorized: nothing was captured. Do not ship; cancel this authorization (POST /v1/merchant/orders/{{order_id}}/cancel) and ask the shopper to check out again",
                    request.order_amount, order.amount
                ),
            ));
        }
        require_positive(&request.capture_amount)?;
        if request.capture_amount.currency() != order.amount.currency()
            || request.capture_amount.checked_cmp(&order.amount)? == core::cmp::Ordering::Greater
        {
            return Err(ApiError::new(
                ErrorCode::AmountMismatch,
                format!(
                    "capture_amount {} is more than the order amount {}, or in another currency: nothing was captured",
                    request.capture_amount, order.amount
                ),
            ));
        }
        let record = self.orders.get(&order.id).cloned().ok_or_else(|| ApiError::new(ErrorCode::NotFound, "gone"))?;
        let ordered_on = provider_date(order.created_at);
        let plan = schedule(order.plan, request.capture_amount, ordered_on, &self.policy)
            .map_err(|e| ApiError::new(ErrorCode::InvalidRequest, e.to_string()))?;
        let bill_id: BillId = self.next_id("bill").into();
        let bill = BillRecord::from_schedule(
            bill_id.clone(),
            order.merchant_id.clone(),
            order.merchant_name.clone(),
            order.order_id.clone(),
            ordered_on,
            &plan,
        );
        let shopper = self.auth_mut(&record.shopper)?;
        shopper.held.remove(&order.id);
        shopper.bills.push(bill);
        let captured = Order {
            status: OrderStatus::Captured,
            captured_amount: Some(request.capture_amount),
            captured_at: Some(now),
            bill_id: Some(bill_id),
            ..order
        };
        self.store_order(&captured);
        self.record_event(EventType::OrderCaptured, &captured, EventDetail::None, now);
        Ok(captured)
    }

    fn store_order(&mut self, order: &Order) {
        if let Some(record) = self.orders.get_mut(&order.id) {
            record.order = order.clone();
        }
    }

    /// `POST /v1/merchant/orders/{order_id}/cancel`
    pub fn cancel(
        &mut self,
        merchant_id: &MerchantId,
        idempotency_key: &IdempotencyKey,
        order_id: &OrderId,
        request: &CancelRequest,
        now: OffsetDateTime,
    ) -> Result<Order, ApiError> {
        let stored = StoredRequest::Cancel(order_id.clone(), request.clone());
        self.once_per_key(Self::merchant_caller(merchant_id), "cancel", idempotency_key, stored, now, |sb| {
            sb.make_cancel(merchant_id, order_id, request, now)
        })
    }

    /// Cancels an authorization (once per key: [`Sandbox::once_per_key`]).
    fn make_cancel(
        &mut self,
        merchant_id: &MerchantId,
        order_id: &OrderId,
        request: &CancelRequest,
        now: OffsetDateTime,
    ) -> Result<Order, ApiError> {
        let order = self.authorization(merchant_id, order_id, &request.authorization_id)?;
        require_state(&order, OrderStatus::Authorized, "cancelled")?;
        let shopper = self.orders.get(&order.id).map(|o| o.shopper.clone()).unwrap_or_default();
        if let Some(s) = self.shoppers.get_mut(&shopper) {
            s.held.remove(&order.id);
        }
        let cancelled = Order { status: OrderStatus::Cancelled, closed_at: Some(now), ..order };
        self.store_order(&cancelled);
        self.record_event(EventType::OrderCancelled, &cancelled, EventDetail::None, now);
        Ok(cancelled)
    }

    /// `POST /v1/merchant/orders/{order_id}/refunds`: by the rule of [`crate::refund`]; what the
    /// shopper had paid for the refunded part goes back to the method it came from.
    pub fn refund(
        &mut self,
        merchant_id: &MerchantId,
        idempotency_key: &IdempotencyKey,
        order_id: &OrderId,
        request: &RefundRequest,
        now: OffsetDateTime,
    ) -> Result<Refund, ApiError> {
        let stored = StoredRequest::Refund(order_id.clone(), request.clone());
        self.once_per_key(Self::merchant_caller(merchant_id), "refund", idempotency_key, stored, now, |sb| {
            sb.make_refund(merchant_id, order_id, request, now)
        })
    }

    /// Refunds part or all of a captured order (once per key: [`Sandbox::once_per_key`]).
    fn make_refund(
        &mut self,
        merchant_id: &MerchantId,
        order_id: &OrderId,
        request: &RefundRequest,
        now: OffsetDateTime,
    ) -> Result<Refund, ApiError> {
        if let Some(reason) = &request.reason
            && (reason.trim().is_empty() || reason.chars().count() > MAX_REASON)
        {
            return Err(ApiError::new(
                ErrorCode::InvalidRequest,
                format!("reason must be 1 to {MAX_REASON} characters, or null"),
            ));
        }
        let record = self.merchant_order(merchant_id, order_id)?.clone();
        require_state(&record.order, OrderStatus::Captured, "refunded")?;
        let order = record.order;
        if request.amount.currency() != order.amount.currency() {
            return Err(ApiError::new(
                ErrorCode::AmountMismatch,
                format!("the order is in {}: refund in {}", order.amount.currency(), order.amount.currency()),
            ));
        }
        let bill_id: BillId = order.bill_id.clone().unwrap_or_default();
        let today = provider_date(now);
        let shopper = self.auth(&record.shopper)?;
        let mut bill = Self::find_bill(shopper, &bill_id)?.clone();
        let split = apply_refund(&mut bill, request.amount, today).map_err(|e| match e {
            RefundError::MoreThanRefundable { refundable } => ApiError::new(
                ErrorCode::RefundExceedsCaptured,
                format!(
                    "at most {refundable} of this order can still be refunded (captured {}, refunded {}): nothing was refunded",
                    order.captured_amount.map(|m| m.to_string()).unwrap_or_default(),
                    order.refunded_amount
                ),
            ),
            RefundError::NotPositive => {
                ApiError::new(ErrorCode::InvalidRequest, format!("amount must be more than zero, not {}", request.amount))
            }
            RefundError::Money(e) => e.into(),
        })?;
        // Where each repaid installment's money came from: the repayment that paid it.
        let mut paid_back_to: Vec<RefundPayback> = Vec::new();
        for part in &split.installments {
            let back = part.paid_back;
            if back.is_zero() {
                continue;
            }
            // The latest repayment that paid on this installment: one that paid it off, or one whose
            // quote (kept for a day) paid part of it; else the bill's latest repayment.
            let of_bill = || shopper.repayments.iter().rev().filter(|r| r.bill_id == bill_id);
            let paid_on_it = |r: &&crate::api::Repayment| {
                r.breakdown.installments.contains(&part.number)
                    || self
                        .quotes
                        .get(&r.quote_id)
                        .is_some_and(|q| q.quote.lines.iter().any(|l| l.installment == part.number))
            };
            let method = of_bill()
                .find(paid_on_it)
                .or_else(|| of_bill().next())
                .map(|r| r.payment_method_id.clone())
                .and_then(|id| shopper.payment_methods.iter().find(|m| m.id == id))
                .or_else(|| shopper.payment_methods.first())
                .ok_or_else(|| {
                    ApiError::new(ErrorCode::Internal, "the shopper has no payment method to pay back to")
                })?;
            match paid_back_to.iter_mut().find(|p| p.payment_method_id == method.id) {
                Some(p) => p.amount = p.amount.checked_add(&back)?,
                None => paid_back_to.push(RefundPayback {
                    payment_method_id: method.id.clone(),
                    payment_method_kind: method.kind,
                    payment_method_label: method.label.clone(),
                    amount: back,
                }),
            }
        }
        let id = self.next_id("rf");
        bill.refunds.push(BillRefund {
            id: id.clone(),
            bill_id: bill_id.clone(),
            merchant_name: bill.merchant_name.clone(),
            order_id: bill.order_id.clone(),
            amount: split.principal,
            fees_refunded: split.fees,
            owed_reduced: split.owed_reduced,
            paid_back: split.paid_back,
            paid_back_to: paid_back_to.clone(),
            reason: request.reason.clone(),
            refunded_at: now,
        });
        let shopper = self.auth_mut(&record.shopper)?;
        for back in &paid_back_to {
            if let Some(m) = shopper.payment_methods.iter_mut().find(|m| m.id == back.payment_method_id) {
                m.available = m.available.checked_add(&back.amount)?;
            }
        }
        if let Some(b) = shopper.bills.iter_mut().find(|b| b.id == bill_id) {
            *b = bill;
        }
        let refund = Refund {
            id,
            authorization_id: order.id.clone(),
            order_id: order.order_id.clone(),
            bill_id,
            amount: split.principal,
            fees_refunded: split.fees,
            paid_back: split.paid_back,
            reason: request.reason.clone(),
            created_at: now,
        };
        let refunded = Order { refunded_amount: order.refunded_amount.checked_add(&split.principal)?, ..order };
        self.store_order(&refunded);
        self.record_event(EventType::OrderRefunded, &refunded, EventDetail::Refund(refund.clone()), now);
        Ok(refund)
    }

    /// `GET /v1/merchant/events`: the merchant's events, oldest first.
    pub fn events(&self, merchant_id: &str, page: &PageRequest) -> Result<EventList, ApiError> {
        let events =
            self.events.iter().filter(|e| e.event.merchant_id == merchant_id).map(|e| e.event.clone()).collect();
        let (events, next_cursor) = paginate(events, page)?;
        Ok(EventList { events, next_cursor })
    }

    /// `GET /v1/merchant/webhook`
    pub fn webhook_endpoint(&self, merchant_id: &MerchantId) -> Result<WebhookEndpoint, ApiError> {
        let m = self.merchants.get(merchant_id).ok_or_else(|| ApiError::new(ErrorCode::NotFound, "no merchant"))?;
        Ok(WebhookEndpoint { url: m.webhook_url.clone(), secret: m.webhook_secret.clone() })
    }

    /// `PUT /v1/merchant/webhook`: events from now on (and those still waiting) go to `url`.
    pub fn set_webhook_endpoint(
        &mut self,
        merchant_id: &MerchantId,
        request: &WebhookEndpointRequest,
    ) -> Result<WebhookEndpoint, ApiError> {
        if let Some(url) = &request.url
            && !valid_webhook_url(url)
        {
            return Err(ApiError::new(
                ErrorCode::InvalidRequest,
                format!(
                    "url must be an http:// or https:// URL with a host name or IPv4 address, an optional port and path, at most {MAX_URL} characters; or null"
                ),
            ));
        }
        self.set_webhook_url(merchant_id.as_str(), request.url.as_deref());
        self.webhook_endpoint(merchant_id)
    }
}

/// `order` must be in `wanted` to be `verb`; otherwise `invalid_state` says where it is.
fn require_state(order: &Order, wanted: OrderStatus, verb: &str) -> Result<(), ApiError> {
    if order.status == wanted {
        return Ok(());
    }
    let why = match order.status {
        OrderStatus::Authorized => "it is not captured yet (capture it, or cancel it)".to_owned(),
        OrderStatus::Captured => "it is already captured (an order is captured once; refund it instead)".to_owned(),
        OrderStatus::Cancelled => "it was cancelled".to_owned(),
        OrderStatus::Expired => format!("its authorization expired at {}", order.expires_at),
    };
    Err(ApiError::new(ErrorCode::InvalidState, format!("order {} cannot be {verb}: {why}", order.order_id)))
}

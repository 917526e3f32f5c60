//! The shopper's account and checkout: profile, the service agreement and its activation,
//! eligibility, and authorizing an order (once per key). Bills, quotes and repayments: `bills.rs`.

use crate::json::Quoted;
use time::{Duration, OffsetDateTime};

use super::idempotency::StoredRequest;
use super::webhooks::EventDetail;
use super::{ApiError, OrderRecord, Sandbox, Shopper, paginate, provider_date, require_positive, require_text};
use crate::api::{
    Activation, ActivationRequest, ActivationState, Agreement, CreateOrderRequest, CreditLimit, Eligibility,
    EligibilityRequest, ErrorCode, EventType, Order, OrderFilter, OrderList, OrderStatus, PageRequest, Profile,
};
use crate::eligibility::{CreditBand, CreditSnapshot, IneligibleReason, ineligibility_reasons};
use crate::ids::{AuthorizationId, IdempotencyKey, MerchantId};
use crate::money::Money;
use crate::plan::{all_schedules, schedule};

impl Sandbox {
    /// `GET /v1/me`
    pub fn profile(&self, token: &str, _now: OffsetDateTime) -> Result<Profile, ApiError> {
        let shopper = self.auth(token)?;
        Ok(Profile {
            shopper_id: shopper.id.clone(),
            masked_name: shopper.masked_name(),
            credit_score: shopper.credit_score,
            credit_band: CreditBand::of(shopper.credit_score).unwrap_or(CreditBand::Poor),
            activation: if shopper.activation.is_some() {
                ActivationState::Activated
            } else {
                ActivationState::NotActivated
            },
            agreement_version: shopper.activation.as_ref().map(|a| a.agreement_version.clone()),
            credit_limit: CreditLimit { total: shopper.credit_limit, available: shopper.available_limit()? },
        })
    }

    /// `GET /v1/agreement`
    pub fn agreement(&self, token: &str) -> Result<Agreement, ApiError> {
        self.auth(token)?;
        Ok(self.agreement.clone())
    }

    /// `POST /v1/activation`: accepting again returns the first acceptance.
    pub fn activate(
        &mut self,
        token: &str,
        request: &ActivationRequest,
        now: OffsetDateTime,
    ) -> Result<Activation, ApiError> {
        let current = self.agreement.version.clone();
        require_text("agreement_version", &request.agreement_version)?;
        let shopper = self.auth_mut(token)?;
        if request.agreement_version != current {
            return Err(ApiError::new(
                ErrorCode::InvalidState,
                format!(
                    "agreement version {} is not the current version {}: show the shopper the current agreement (GET /v1/agreement) and send its version",
                    Quoted(&request.agreement_version),
                    Quoted(&current)
                ),
            ));
        }
        Ok(shopper.activation.get_or_insert(Activation { agreement_version: current, accepted_at: now }).clone())
    }

    fn snapshot(&self, shopper: &Shopper, now: OffsetDateTime) -> Result<CreditSnapshot, ApiError> {
        let today = provider_date(now);
        Ok(CreditSnapshot {
            credit_score: shopper.credit_score,
            available_limit: shopper.available_limit()?,
            longest_overdue_days: shopper.bills.iter().map(|b| b.overdue_days(today)).max().unwrap_or(0),
        })
    }

    /// A merchant the provider knows: the page cannot name one of its own.
    pub(super) fn require_merchant(&self, merchant_id: &MerchantId) -> Result<(), ApiError> {
        require_text("merchant_id", merchant_id)?;
        if self.merchants.contains_key(merchant_id) {
            Ok(())
        } else {
            Err(ApiError::new(
                ErrorCode::NotFound,
                format!(
                    "no merchant {}: the page must name the merchant id the provider gave the shop",
                    Quoted(merchant_id)
                ),
            ))
        }
    }

    /// `POST /v1/eligibility`
    pub fn eligibility(
        &self,
        token: &str,
        request: &EligibilityRequest,
        now: OffsetDateTime,
    ) -> Result<Eligibility, ApiError> {
        let shopper = self.auth(token)?;
        self.require_merchant(&request.merchant_id)?;
        require_text("order_id", &request.order_id)?;
        require_positive(&request.amount)?;
        let snapshot = self.snapshot(shopper, now)?;
        let reasons = ineligibility_reasons(&snapshot, &request.amount, &self.policy);
        let plans = if reasons.is_empty() {
            all_schedules(request.amount, provider_date(now), &self.policy)
                .map_err(|e| ApiError::new(ErrorCode::InvalidRequest, e.to_string()))?
        } else {
            Vec::new()
        };
        Ok(Eligibility {
            eligible: reasons.is_empty(),
            reasons,
            activation_required: shopper.activation.is_none(),
            available_limit: snapshot.available_limit,
            plans,
        })
    }

    /// `POST /v1/orders`: authorizes the order. The amount is held on the shopper's limit until
    /// the merchant's server captures it (only then is it a bill), cancels it, or it expires.
    pub fn create_order(
        &mut self,
        token: &str,
        idempotency_key: &IdempotencyKey,
        request: &CreateOrderRequest,
        now: OffsetDateTime,
    ) -> Result<Order, ApiError> {
        self.auth(token)?;
        let stored = StoredRequest::Order(request.clone());
        self.once_per_key(token.to_owned(), "orders", idempotency_key, stored, now, |sb| {
            sb.authorize_order(token, request, now)
        })
    }

    /// A new authorization (once per key: [`Sandbox::once_per_key`]).
    fn authorize_order(
        &mut self,
        token: &str,
        request: &CreateOrderRequest,
        now: OffsetDateTime,
    ) -> Result<Order, ApiError> {
        self.require_merchant(&request.merchant_id)?;
        require_text("order_id", &request.order_id)?;
        require_positive(&request.amount)?;
        let shopper = self.auth(token)?;
        if shopper.activation.is_none() {
            return Err(ApiError::new(
                ErrorCode::AgreementRequired,
                "the shopper has not accepted the service agreement: show it (GET /v1/agreement) and send the acceptance (POST /v1/activation) first",
            ));
        }
        let live = |o: &&OrderRecord| {
            o.order.merchant_id == request.merchant_id
                && o.order.order_id == request.order_id
                && matches!(o.order.status, OrderStatus::Authorized | OrderStatus::Captured)
        };
        if let Some(existing) = self.orders.values().find(live) {
            return Err(ApiError::new(
                ErrorCode::InvalidState,
                format!(
                    "order {} of merchant {} already has a pay-later order ({}, {}): a new checkout needs a new order id",
                    request.order_id,
                    request.merchant_id,
                    existing.order.id,
                    existing.order.status.as_str()
                ),
            ));
        }
        let snapshot = self.snapshot(shopper, now)?;
        let reasons = ineligibility_reasons(&snapshot, &request.amount, &self.policy);
        if reasons == [IneligibleReason::LimitTooLow] {
            return Err(ApiError::new(
                ErrorCode::LimitExceeded,
                format!("the order is {} but the available limit is {}", request.amount, snapshot.available_limit),
            ));
        }
        if !reasons.is_empty() {
            let names: Vec<&str> = reasons.iter().map(|r| r.as_str()).collect();
            return Err(ApiError::new(ErrorCode::NotEligible, format!("not eligible: {}", names.join(", "))));
        }
        // The plan must make a schedule for this amount (it will be the bill's once captured).
        schedule(request.plan, request.amount, provider_date(now), &self.policy)
            .map_err(|e| ApiError::new(ErrorCode::InvalidRequest, e.to_string()))?;
        let id: AuthorizationId = self.next_id("auth").into();
        let order = Order {
            id: id.clone(),
            merchant_id: request.merchant_id.clone(),
            merchant_name: self.merchant_name(&request.merchant_id),
            order_id: request.order_id.clone(),
            plan: request.plan,
            amount: request.amount,
            status: OrderStatus::Authorized,
            created_at: now,
            expires_at: now + Duration::seconds(i64::from(self.policy.authorization_ttl_seconds)),
            captured_amount: None,
            captured_at: None,
            closed_at: None,
            refunded_amount: Money::zero(request.amount.currency()),
            bill_id: None,
        };
        self.auth_mut(token)?.held.insert(id.clone(), request.amount);
        self.orders.insert(id, OrderRecord { order: order.clone(), shopper: token.to_owned() });
        self.record_event(EventType::OrderAuthorized, &order, EventDetail::None, now);
        Ok(order)
    }

    /// `GET /v1/orders/{id}`: one of the shopper's orders (the widget follows an authorization
    /// until the merchant captures or cancels it).
    pub fn order(&self, token: &str, id: &AuthorizationId) -> Result<Order, ApiError> {
        self.auth(token)?;
        self.orders
            .get(id)
            .filter(|o| o.shopper == token)
            .map(|o| o.order.clone())
            .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no order {} for this shopper", Quoted(id))))
    }

    /// `GET /v1/orders?status=`: the shopper's orders, newest first.
    pub fn orders(&self, token: &str, filter: OrderFilter, page: &PageRequest) -> Result<OrderList, ApiError> {
        self.auth(token)?;
        let mut orders: Vec<Order> = self
            .orders
            .values()
            .filter(|o| o.shopper == token)
            .filter(|o| filter == OrderFilter::All || o.order.status == OrderStatus::Authorized)
            .map(|o| o.order.clone())
            .collect();
        orders.sort_by(|a, b| b.created_at.cmp(&a.created_at).then_with(|| b.id.cmp(&a.id)));
        let (orders, next_cursor) = paginate(orders, page)?;
        Ok(OrderList { orders, next_cursor })
    }
}

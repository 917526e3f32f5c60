//! The shopper's operations: what the widget calls with the shopper's session token.

use crate::json::Quoted;
use time::{Duration, OffsetDateTime};

use super::webhooks::EventDetail;
use super::{
    ApiError, IdempotencyScope, OrderRecord, QuoteRecord, Sandbox, Shopper, StoredRequest, StoredResponse, paginate,
    provider_date, require_positive, require_text, validate_idempotency_key,
};
use crate::api::{
    Activation, ActivationRequest, ActivationState, Agreement, Bill, BillFilter, BillList, BillStatus,
    CreateOrderRequest, CreditLimit, Eligibility, EligibilityRequest, ErrorCode, EventRepayment, EventType, Order,
    OrderFilter, OrderList, OrderStatus, PageRequest, PaymentMethodList, Profile, Quote, QuoteRequest, RefundList,
    Repayment, RepaymentList, RepaymentRequest, RepaymentResult,
};
use crate::bill::{BillRecord, QuoteError, apply_repayment, bill_view, quote as price_quote};
use crate::eligibility::{CreditBand, CreditSnapshot, IneligibleReason, ineligibility_reasons};
use crate::ids::{AuthorizationId, BillId, IdempotencyKey, MerchantId};
use crate::money::{Money, MoneyError};
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
        self.prune(now);
        self.auth(token)?;
        validate_idempotency_key(idempotency_key)?;
        let scope = IdempotencyScope { caller: token.to_owned(), operation: "orders", key: idempotency_key.clone() };
        let stored = StoredRequest::Order(request.clone());
        if let Some(StoredResponse::Order(order)) = self.replay(&scope, &stored)? {
            return Ok(*order);
        }
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
        self.remember(scope, stored, StoredResponse::Order(Box::new(order.clone())), now);
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

    /// `GET /v1/bills?status=`: most urgent first (overdue, due soon, on schedule by next due
    /// date), closed last (settled or refunded), most recently closed first.
    pub fn bills(
        &self,
        token: &str,
        filter: BillFilter,
        page: &PageRequest,
        now: OffsetDateTime,
    ) -> Result<BillList, ApiError> {
        let shopper = self.auth(token)?;
        let today = provider_date(now);
        let mut bills = shopper
            .bills
            .iter()
            .map(|b| bill_view(b, today, &self.policy))
            .collect::<Result<Vec<Bill>, MoneyError>>()?;
        let closed = |b: &Bill| matches!(b.status, BillStatus::Settled | BillStatus::Refunded);
        bills.retain(|b| match filter {
            BillFilter::Open => !closed(b),
            BillFilter::Settled => closed(b),
            BillFilter::All => true,
        });
        bills.sort_by(|a, b| {
            closed(a)
                .cmp(&closed(b))
                .then_with(|| a.status.cmp(&b.status))
                .then_with(|| b.overdue_days.cmp(&a.overdue_days))
                .then_with(|| a.next_due.as_ref().map(|n| n.due_date).cmp(&b.next_due.as_ref().map(|n| n.due_date)))
                .then_with(|| b.settled_on.cmp(&a.settled_on))
                .then_with(|| a.id.cmp(&b.id))
        });
        let (bills, next_cursor) = paginate(bills, page)?;
        Ok(BillList { bills, next_cursor })
    }

    pub(super) fn find_bill<'a>(shopper: &'a Shopper, bill_id: &BillId) -> Result<&'a BillRecord, ApiError> {
        shopper
            .bills
            .iter()
            .find(|b| b.id == bill_id)
            .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no bill {} for this shopper", Quoted(bill_id))))
    }

    /// `GET /v1/bills/{id}`
    pub fn bill(&self, token: &str, bill_id: &BillId, now: OffsetDateTime) -> Result<Bill, ApiError> {
        let shopper = self.auth(token)?;
        Ok(bill_view(Self::find_bill(shopper, bill_id)?, provider_date(now), &self.policy)?)
    }

    /// `POST /v1/bills/{id}/quotes`
    pub fn create_quote(
        &mut self,
        token: &str,
        bill_id: &BillId,
        request: &QuoteRequest,
        now: OffsetDateTime,
    ) -> Result<Quote, ApiError> {
        self.prune(now);
        let shopper = self.auth(token)?;
        let record = Self::find_bill(shopper, bill_id)?;
        let priced = price_quote(record, request.scope, provider_date(now), &self.policy).map_err(|e| match e {
            QuoteError::NothingToRepay => ApiError::new(
                ErrorCode::NothingToRepay,
                format!("bill {bill_id} is settled: there is nothing to repay"),
            ),
            QuoteError::Money(e) => e.into(),
        })?;
        let paid_installments = closed_installments(record);
        let refunds = record.refunds.len();
        let shopper_id = shopper.id.clone();
        let quote = Quote {
            id: self.next_id("qt").into(),
            bill_id: bill_id.clone(),
            scope: request.scope,
            breakdown: priced.breakdown,
            created_at: now,
            expires_at: now + Duration::seconds(i64::from(self.policy.quote_ttl_seconds)),
        };
        self.quotes.insert(
            quote.id.clone(),
            QuoteRecord {
                shopper: shopper_id,
                quote: quote.clone(),
                covered: priced.covered,
                paid_installments,
                refunds,
                used: false,
            },
        );
        Ok(quote)
    }

    /// `GET /v1/payment-methods`
    pub fn payment_methods(&self, token: &str) -> Result<PaymentMethodList, ApiError> {
        Ok(PaymentMethodList { payment_methods: self.auth(token)?.payment_methods.clone() })
    }

    /// `POST /v1/repayments`
    pub fn repay(
        &mut self,
        token: &str,
        idempotency_key: &IdempotencyKey,
        request: &RepaymentRequest,
        now: OffsetDateTime,
    ) -> Result<RepaymentResult, ApiError> {
        self.prune(now);
        let shopper_id = self.auth(token)?.id.clone();
        validate_idempotency_key(idempotency_key)?;
        let scope =
            IdempotencyScope { caller: token.to_owned(), operation: "repayments", key: idempotency_key.clone() };
        let stored = StoredRequest::Repayment(request.clone());
        if let Some(StoredResponse::Repayment(result)) = self.replay(&scope, &stored)? {
            return Ok(*result);
        }
        let today = provider_date(now);
        let quote_record = self
            .quotes
            .get(&request.quote_id)
            .filter(|q| q.shopper == shopper_id)
            .ok_or_else(|| {
                ApiError::new(
                    ErrorCode::NotFound,
                    format!("no quote {}: ask for a new quote", Quoted(&request.quote_id)),
                )
            })?
            .clone();
        let quote = &quote_record.quote;
        let shopper = self.auth(token)?;
        let bill = Self::find_bill(shopper, &quote.bill_id)?;
        let stale = quote_record.used
            || now >= quote.expires_at
            || provider_date(quote.created_at) != today
            || closed_installments(bill) != quote_record.paid_installments
            || bill.refunds.len() != quote_record.refunds;
        if stale {
            return Err(ApiError::new(
                ErrorCode::QuoteExpired,
                "this quote has expired or was already used: ask for a new quote, whose amount may differ",
            ));
        }
        let method = shopper
            .payment_methods
            .iter()
            .find(|m| m.id == request.payment_method_id)
            .ok_or_else(|| {
                ApiError::new(ErrorCode::NotFound, format!("no payment method {}", Quoted(&request.payment_method_id)))
            })?
            .clone();
        let total = quote.breakdown.total;
        if method.available.checked_cmp(&total)? == core::cmp::Ordering::Less {
            return Err(ApiError::new(
                ErrorCode::InsufficientFunds,
                format!(
                    "{} can pay at most {}, less than {total}: choose another payment method",
                    method.label, method.available
                ),
            ));
        }
        // Compute every change first, then commit them together: all or nothing.
        let mut updated_bill = bill.clone();
        apply_repayment(&mut updated_bill, &quote_record.covered, today);
        let bill_after = bill_view(&updated_bill, today, &self.policy)?;
        let debited = method.available.checked_sub(&total)?;
        let repayment = Repayment {
            id: self.next_id("rp"),
            receipt_number: format!("RC{}{:06}", crate::dates::iso_date::format(today).replace('-', ""), self.next_id),
            bill_id: quote.bill_id.clone(),
            merchant_name: updated_bill.merchant_name.clone(),
            order_id: updated_bill.order_id.clone(),
            quote_id: quote.id.clone(),
            scope: quote.scope,
            amount: total,
            breakdown: quote.breakdown.clone(),
            payment_method_id: method.id.clone(),
            payment_method_kind: method.kind,
            payment_method_label: method.label.clone(),
            paid_at: now,
        };
        self.next_id += 1;
        let result = RepaymentResult { repayment: repayment.clone(), bill: bill_after };
        let shopper = self.auth_mut(token)?;
        if let Some(b) = shopper.bills.iter_mut().find(|b| b.id == updated_bill.id) {
            *b = updated_bill;
        }
        if let Some(m) = shopper.payment_methods.iter_mut().find(|m| m.id == method.id) {
            m.available = debited;
        }
        shopper.repayments.push(repayment);
        if let Some(q) = self.quotes.get_mut(&request.quote_id) {
            q.used = true;
        }
        self.tell_merchant_of_repayment(&result, now);
        self.remember(scope, stored, StoredResponse::Repayment(Box::new(result.clone())), now);
        Ok(result)
    }

    /// `repayment.made` (and `bill.settled`) for the merchant of an order placed through the API.
    fn tell_merchant_of_repayment(&mut self, result: &RepaymentResult, now: OffsetDateTime) {
        let Some(order) =
            self.orders.values().find(|o| o.order.bill_id.as_deref() == Some(&result.bill.id)).map(|o| o.order.clone())
        else {
            return;
        };
        let r = &result.repayment;
        let detail = EventRepayment {
            id: r.id.clone(),
            amount: r.amount,
            installments: r.breakdown.installments.clone(),
            paid_at: r.paid_at,
            bill_status: result.bill.status,
            amount_left: result.bill.amount_left,
        };
        self.record_event(EventType::RepaymentMade, &order, EventDetail::Repayment(detail.clone()), now);
        if result.bill.status == BillStatus::Settled {
            self.record_event(EventType::BillSettled, &order, EventDetail::Repayment(detail), now);
        }
    }

    /// `GET /v1/repayments?bill_id=`: newest first.
    pub fn repayments(
        &self,
        token: &str,
        bill_id: Option<&BillId>,
        page: &PageRequest,
    ) -> Result<RepaymentList, ApiError> {
        let shopper = self.auth(token)?;
        if let Some(id) = bill_id {
            Self::find_bill(shopper, id)?;
        }
        let mut repayments: Vec<Repayment> =
            shopper.repayments.iter().filter(|r| bill_id.is_none_or(|id| r.bill_id == *id)).cloned().collect();
        repayments.sort_by(|a, b| b.paid_at.cmp(&a.paid_at).then_with(|| b.id.cmp(&a.id)));
        let (repayments, next_cursor) = paginate(repayments, page)?;
        Ok(RepaymentList { repayments, next_cursor })
    }

    /// `GET /v1/refunds?bill_id=`: the merchants' refunds of the shopper's bills, newest first.
    pub fn refunds(&self, token: &str, bill_id: Option<&BillId>, page: &PageRequest) -> Result<RefundList, ApiError> {
        let shopper = self.auth(token)?;
        if let Some(id) = bill_id {
            Self::find_bill(shopper, id)?;
        }
        let mut refunds: Vec<_> = shopper
            .bills
            .iter()
            .filter(|b| bill_id.is_none_or(|id| b.id == *id))
            .flat_map(|b| b.refunds.iter().cloned())
            .collect();
        refunds.sort_by(|a, b| b.refunded_at.cmp(&a.refunded_at).then_with(|| b.id.cmp(&a.id)));
        let (refunds, next_cursor) = paginate(refunds, page)?;
        Ok(RefundList { refunds, next_cursor })
    }
}

/// Installments repaid or refunded: a quote made before one more closed is stale.
fn closed_installments(bill: &BillRecord) -> usize {
    bill.installments.iter().filter(|i| !i.is_open()).count()
}

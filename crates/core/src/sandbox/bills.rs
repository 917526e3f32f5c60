//! The shopper's bills: their views on the provider's day, early-repayment quotes (kept with each
//! installment's figures), repayments (once per key), and the records of repayments and refunds.

use crate::json::Quoted;
use time::{Duration, OffsetDateTime};

use super::idempotency::StoredRequest;
use super::webhooks::EventDetail;
use super::{ApiError, QuoteRecord, Sandbox, Shopper, paginate, provider_date};
use crate::api::{
    Bill, BillFilter, BillList, BillStatus, ErrorCode, EventRepayment, EventType, PageRequest, PaymentMethodList,
    Quote, QuoteRequest, QuoteScope, RefundList, Repayment, RepaymentList, RepaymentRequest, RepaymentResult,
};
use crate::bill::{BillRecord, QuoteError, apply_repayment, bill_view, quote as price_quote};
use crate::ids::{BillId, IdempotencyKey};
use crate::money::MoneyError;

impl Sandbox {
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
        match (request.scope, &request.amount) {
            (QuoteScope::Amount, None) => {
                return Err(ApiError::new(
                    ErrorCode::InvalidRequest,
                    "scope amount needs an amount: say how much to repay",
                ));
            }
            (QuoteScope::NextInstallment | QuoteScope::Settle, Some(_)) => {
                return Err(ApiError::new(
                    ErrorCode::InvalidRequest,
                    "an amount goes with scope amount only: leave it out, or ask for scope amount",
                ));
            }
            _ => {}
        }
        let priced = price_quote(record, request.scope, request.amount, provider_date(now), &self.policy).map_err(
            |e| match e {
                QuoteError::NothingToRepay => ApiError::new(
                    ErrorCode::NothingToRepay,
                    format!("bill {bill_id} is settled: there is nothing to repay"),
                ),
                QuoteError::AmountNotPositive if request.amount.is_some_and(|a| a.currency() != record.currency()) => {
                    ApiError::new(
                        ErrorCode::AmountMismatch,
                        format!("this bill is in {}: repay in it", record.currency()),
                    )
                }
                QuoteError::AmountNotPositive => ApiError::new(
                    ErrorCode::InvalidRequest,
                    format!("amount must be more than zero, in {}", record.currency()),
                ),
                QuoteError::MoreThanSettles { settle } => ApiError::new(
                    ErrorCode::AmountMismatch,
                    format!("{settle} settles this bill today: repay at most that, or ask for scope settle"),
                ),
                QuoteError::Money(e) => e.into(),
            },
        )?;
        let bill_then = record.clone();
        let shopper_id = shopper.id.clone();
        let quote = Quote {
            id: self.next_id("qt").into(),
            bill_id: bill_id.clone(),
            scope: request.scope,
            breakdown: priced.breakdown,
            lines: priced.lines,
            created_at: now,
            expires_at: now + Duration::seconds(i64::from(self.policy.quote_ttl_seconds)),
        };
        self.quotes.insert(
            quote.id.clone(),
            QuoteRecord { shopper: shopper_id, quote: quote.clone(), bill: bill_then, used: false },
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
        self.auth(token)?;
        let stored = StoredRequest::Repayment(request.clone());
        self.once_per_key(token.to_owned(), "repayments", idempotency_key, stored, now, |sb| {
            sb.make_repayment(token, request, now)
        })
    }

    /// Pays a quote (once per key: [`Sandbox::once_per_key`]).
    fn make_repayment(
        &mut self,
        token: &str,
        request: &RepaymentRequest,
        now: OffsetDateTime,
    ) -> Result<RepaymentResult, ApiError> {
        let shopper_id = self.auth(token)?.id.clone();
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
            || *bill != quote_record.bill;
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
        apply_repayment(&mut updated_bill, &quote.lines, today, &self.policy);
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
            autopay: false,
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
        Ok(result)
    }

    /// `repayment.made` (and `bill.settled`) for the merchant of an order placed through the API.
    pub(super) fn tell_merchant_of_repayment(&mut self, result: &RepaymentResult, now: OffsetDateTime) {
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

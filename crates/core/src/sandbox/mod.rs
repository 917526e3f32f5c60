//! The sandbox: the provider's behaviour as a plain state machine, with no I/O and no clock.
//!
//! Every operation of the contract is a method that takes the shopper's session token, the
//! request, and `now`, and returns the response or an [`ApiError`]. [`router`] maps HTTP requests
//! onto these methods and their results onto JSON, and is the one piece of code that both the
//! in-browser mock (in the widget) and the HTTP sandbox server call, so the two cannot disagree.
//!
//! * Idempotency: `POST /v1/orders` and `POST /v1/repayments` need an `Idempotency-Key`. A repeat
//!   with the same key and the same body returns the stored first result and changes nothing; the
//!   same key with a different body is `idempotency_conflict`. Keys are kept for
//!   [`IDEMPOTENCY_RETENTION`] (24 hours). Failed requests are not stored: they changed nothing,
//!   so retrying them is safe.
//! * A repayment either fully happens (bill updated, method debited, record written, receipt
//!   issued, quote used) or not at all.
//! * An expired, already used, or stale quote (the bill changed, or the day turned, since it was
//!   made) is refused with `quote_expired`, never silently re-priced.

pub mod router;
pub mod seed;

use std::collections::BTreeMap;

use time::{Duration, OffsetDateTime, UtcOffset};

use crate::api::{
    Activation, ActivationRequest, ActivationState, Agreement, Bill, BillFilter, BillList, BillStatus,
    CreateOrderRequest, CreditLimit, Eligibility, EligibilityRequest, ErrorCode, PageRequest, PaymentMethod,
    PaymentMethodList, Problem, Profile, Quote, QuoteRequest, Repayment, RepaymentList, RepaymentRequest,
    RepaymentResult,
};
use crate::bill::{BillRecord, QuoteError, apply_repayment, bill_view, quote as price_quote};
use crate::eligibility::{CreditBand, CreditSnapshot, IneligibleReason, ineligibility_reasons};
use crate::money::{Money, MoneyError};
use crate::plan::{Policy, all_schedules, schedule};

/// How long idempotency keys are kept.
pub const IDEMPOTENCY_RETENTION: Duration = Duration::hours(24);

/// The provider's time zone: "today" for due dates is the date in China Standard Time.
pub const PROVIDER_OFFSET: UtcOffset = match UtcOffset::from_hms(8, 0, 0) {
    Ok(offset) => offset,
    Err(_) => UtcOffset::UTC,
};

/// The provider's calendar date at `now`.
pub fn provider_date(now: OffsetDateTime) -> time::Date {
    now.to_offset(PROVIDER_OFFSET).date()
}

/// A refusal: a stable code and what happened, for developers and logs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    pub code: ErrorCode,
    pub detail: String,
}

impl ApiError {
    pub fn new(code: ErrorCode, detail: impl Into<String>) -> ApiError {
        ApiError { code, detail: detail.into() }
    }

    /// The RFC 9457 body for this error.
    pub fn problem(&self) -> Problem {
        Problem::new(self.code, title(self.code), self.detail.clone())
    }
}

impl From<MoneyError> for ApiError {
    fn from(e: MoneyError) -> Self {
        ApiError::new(ErrorCode::InvalidRequest, e.to_string())
    }
}

impl core::fmt::Display for ApiError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.detail)
    }
}

impl std::error::Error for ApiError {}

/// The short English title of each error code (RFC 9457 `title`).
pub fn title(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::NotEligible => "Not eligible for pay later",
        ErrorCode::LimitExceeded => "Credit limit exceeded",
        ErrorCode::AgreementRequired => "Service agreement not accepted",
        ErrorCode::InsufficientFunds => "Insufficient funds",
        ErrorCode::QuoteExpired => "Quote expired",
        ErrorCode::NothingToRepay => "Nothing to repay",
        ErrorCode::IdempotencyConflict => "Idempotency key reused with a different request",
        ErrorCode::InvalidRequest => "Invalid request",
        ErrorCode::Unauthorized => "Unauthorized",
        ErrorCode::NotFound => "Not found",
        ErrorCode::Internal => "Internal error",
    }
}

/// One shopper's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shopper {
    pub id: String,
    pub name: String,
    pub credit_score: u16,
    pub credit_limit: Money,
    pub activation: Option<Activation>,
    pub bills: Vec<BillRecord>,
    pub payment_methods: Vec<PaymentMethod>,
    /// Oldest first; listed newest first.
    pub repayments: Vec<Repayment>,
}

impl Shopper {
    /// The name with all but its last character masked: "王小明" → "**明".
    pub fn masked_name(&self) -> String {
        let count = self.name.chars().count();
        self.name.chars().enumerate().map(|(i, c)| if i + 1 < count { '*' } else { c }).collect()
    }

    fn outstanding_principal(&self) -> Result<Money, MoneyError> {
        let currency = self.credit_limit.currency();
        self.bills
            .iter()
            .flat_map(|b| b.installments.iter())
            .filter(|i| i.payment.is_none() && i.principal.currency() == currency)
            .try_fold(Money::zero(currency), |acc, i| acc.checked_add(&i.principal))
    }

    /// The credit limit less the principal not yet repaid, never below zero.
    pub fn available_limit(&self) -> Result<Money, MoneyError> {
        let left = self.credit_limit.checked_sub(&self.outstanding_principal()?)?;
        Ok(if left.is_negative() { Money::zero(left.currency()) } else { left })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct QuoteRecord {
    shopper: String,
    quote: Quote,
    /// How many installments of the bill were paid when the quote was made.
    paid_installments: usize,
    used: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct IdempotencyScope {
    token: String,
    operation: &'static str,
    key: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum StoredRequest {
    Order(CreateOrderRequest),
    Repayment(RepaymentRequest),
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum StoredResponse {
    Order(Box<Bill>),
    Repayment(Box<RepaymentResult>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct IdempotencyRecord {
    request: StoredRequest,
    response: StoredResponse,
    at: OffsetDateTime,
}

/// The whole sandbox: shoppers by session token, quotes, idempotency records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sandbox {
    policy: Policy,
    agreement: Agreement,
    merchants: BTreeMap<String, String>,
    shoppers: BTreeMap<String, Shopper>,
    /// The demo shoppers as seeded, copied for `<token>+<suffix>` sessions.
    templates: BTreeMap<String, Shopper>,
    /// The provider's day the demo data is dated from.
    seeded_on: time::Date,
    quotes: BTreeMap<String, QuoteRecord>,
    idempotency: BTreeMap<IdempotencyScope, IdempotencyRecord>,
    next_id: u64,
}

fn validate_idempotency_key(key: &str) -> Result<(), ApiError> {
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

fn require_text(field: &str, value: &str) -> Result<(), ApiError> {
    if value.trim().is_empty() || value.len() > 128 {
        Err(ApiError::new(ErrorCode::InvalidRequest, format!("{field} must be 1 to 128 characters")))
    } else {
        Ok(())
    }
}

/// One page of `items`: the cursor is the position of the page's first item (opaque to clients).
fn paginate<T>(mut items: Vec<T>, page: &PageRequest) -> Result<(Vec<T>, Option<String>), ApiError> {
    let start = match &page.cursor {
        None => 0,
        Some(cursor) => cursor.parse::<usize>().ok().filter(|&n| n <= items.len()).ok_or_else(|| {
            ApiError::new(
                ErrorCode::InvalidRequest,
                format!("cursor {cursor:?} is not one this API gave: pass next_cursor from the previous page, or leave it out for the first page"),
            )
        })?,
    };
    let limit = usize::try_from(page.limit.unwrap_or(PageRequest::DEFAULT_LIMIT)).unwrap_or(usize::MAX);
    let end = start.saturating_add(limit).min(items.len());
    let next = (end < items.len()).then(|| end.to_string());
    items.truncate(end);
    Ok((items.split_off(start), next))
}

fn require_positive(amount: &Money) -> Result<(), ApiError> {
    if amount.is_zero() || amount.is_negative() {
        Err(ApiError::new(ErrorCode::InvalidRequest, format!("amount must be more than zero, not {amount}")))
    } else {
        Ok(())
    }
}

impl Sandbox {
    /// An empty sandbox with `policy` and `agreement`; add shoppers with [`Sandbox::add_shopper`].
    pub fn new(policy: Policy, agreement: Agreement) -> Sandbox {
        Sandbox {
            policy,
            agreement,
            merchants: BTreeMap::new(),
            shoppers: BTreeMap::new(),
            templates: BTreeMap::new(),
            seeded_on: time::Date::MIN,
            quotes: BTreeMap::new(),
            idempotency: BTreeMap::new(),
            next_id: 1,
        }
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    pub fn add_merchant(&mut self, id: &str, name: &str) {
        self.merchants.insert(id.to_owned(), name.to_owned());
    }

    /// Makes the shopper behind `token` if it is a session copy or the scale shopper not made yet
    /// (see [`seed`]); the router calls it before every request.
    pub fn open_session(&mut self, token: &str) {
        if !self.shoppers.contains_key(token)
            && let Some(shopper) = self.made_on_first_use(token)
        {
            self.shoppers.insert(token.to_owned(), shopper);
        }
    }

    pub fn add_shopper(&mut self, token: &str, shopper: Shopper) {
        self.shoppers.insert(token.to_owned(), shopper);
    }

    /// The shopper behind `token`, for tests and the load test's bookkeeping.
    pub fn shopper(&self, token: &str) -> Option<&Shopper> {
        self.shoppers.get(token)
    }

    /// Session tokens of every shopper.
    pub fn tokens(&self) -> impl Iterator<Item = &str> {
        self.shoppers.keys().map(String::as_str)
    }

    fn next_id(&mut self, prefix: &str) -> String {
        let id = format!("{prefix}_{:06}", self.next_id);
        self.next_id += 1;
        id
    }

    fn merchant_name(&self, merchant_id: &str) -> String {
        self.merchants.get(merchant_id).cloned().unwrap_or_else(|| merchant_id.to_owned())
    }

    fn auth(&self, token: &str) -> Result<&Shopper, ApiError> {
        self.shoppers.get(token).ok_or_else(|| {
            ApiError::new(
                ErrorCode::Unauthorized,
                "the session token is unknown or expired: get a new one from the merchant's server",
            )
        })
    }

    fn auth_mut(&mut self, token: &str) -> Result<&mut Shopper, ApiError> {
        self.shoppers.get_mut(token).ok_or_else(|| {
            ApiError::new(
                ErrorCode::Unauthorized,
                "the session token is unknown or expired: get a new one from the merchant's server",
            )
        })
    }

    /// Drops idempotency records older than [`IDEMPOTENCY_RETENTION`] and quotes long expired.
    fn prune(&mut self, now: OffsetDateTime) {
        self.idempotency.retain(|_, r| now - r.at < IDEMPOTENCY_RETENTION);
        self.quotes.retain(|_, q| now - q.quote.expires_at < IDEMPOTENCY_RETENTION);
    }

    /// The stored result for a repeated key, a conflict for a reused one, or `None` for a new one.
    fn replay(&self, scope: &IdempotencyScope, request: &StoredRequest) -> Result<Option<StoredResponse>, ApiError> {
        match self.idempotency.get(scope) {
            None => Ok(None),
            Some(record) if &record.request == request => Ok(Some(record.response.clone())),
            Some(_) => Err(ApiError::new(
                ErrorCode::IdempotencyConflict,
                "this Idempotency-Key was already used for a different request: use a new key for a new request",
            )),
        }
    }

    // ---- operations -------------------------------------------------------------------------

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
        let shopper = self.auth_mut(token)?;
        if request.agreement_version != current {
            return Err(ApiError::new(
                ErrorCode::InvalidRequest,
                format!(
                    "agreement version {:?} is not the current version {current:?}: show the shopper the current agreement (GET /v1/agreement) and send its version",
                    request.agreement_version
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

    /// `POST /v1/eligibility`
    pub fn eligibility(
        &self,
        token: &str,
        request: &EligibilityRequest,
        now: OffsetDateTime,
    ) -> Result<Eligibility, ApiError> {
        let shopper = self.auth(token)?;
        require_text("merchant_id", &request.merchant_id)?;
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

    /// `POST /v1/orders`
    pub fn create_order(
        &mut self,
        token: &str,
        idempotency_key: &str,
        request: &CreateOrderRequest,
        now: OffsetDateTime,
    ) -> Result<Bill, ApiError> {
        self.prune(now);
        self.auth(token)?;
        validate_idempotency_key(idempotency_key)?;
        let scope = IdempotencyScope { token: token.to_owned(), operation: "orders", key: idempotency_key.to_owned() };
        let stored = StoredRequest::Order(request.clone());
        if let Some(StoredResponse::Order(bill)) = self.replay(&scope, &stored)? {
            return Ok(*bill);
        }
        require_text("merchant_id", &request.merchant_id)?;
        require_text("order_id", &request.order_id)?;
        require_positive(&request.amount)?;
        let today = provider_date(now);
        let shopper = self.auth(token)?;
        if shopper.activation.is_none() {
            return Err(ApiError::new(
                ErrorCode::AgreementRequired,
                "the shopper has not accepted the service agreement: show it (GET /v1/agreement) and send the acceptance (POST /v1/activation) first",
            ));
        }
        if shopper.bills.iter().any(|b| b.merchant_id == request.merchant_id && b.order_id == request.order_id) {
            return Err(ApiError::new(
                ErrorCode::InvalidRequest,
                format!("order {} of merchant {} already has a pay-later bill", request.order_id, request.merchant_id),
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
            let names: Vec<&str> = reasons.iter().map(|r| reason_name(*r)).collect();
            return Err(ApiError::new(ErrorCode::NotEligible, format!("not eligible: {}", names.join(", "))));
        }
        let plan = schedule(request.plan, request.amount, today, &self.policy)
            .map_err(|e| ApiError::new(ErrorCode::InvalidRequest, e.to_string()))?;
        let id = self.next_id("bill");
        let merchant_name = self.merchant_name(&request.merchant_id);
        let record = BillRecord::from_schedule(
            id,
            request.merchant_id.clone(),
            merchant_name,
            request.order_id.clone(),
            today,
            &plan,
        );
        let view = bill_view(&record, today, &self.policy)?;
        self.auth_mut(token)?.bills.push(record);
        self.idempotency.insert(
            scope,
            IdempotencyRecord { request: stored, response: StoredResponse::Order(Box::new(view.clone())), at: now },
        );
        Ok(view)
    }

    /// `GET /v1/bills?status=`: most urgent first (overdue, due soon, on schedule by next due
    /// date), settled last, most recently settled first.
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
        bills.retain(|b| match filter {
            BillFilter::Open => b.status != BillStatus::Settled,
            BillFilter::Settled => b.status == BillStatus::Settled,
            BillFilter::All => true,
        });
        bills.sort_by(|a, b| {
            a.status
                .cmp(&b.status)
                .then_with(|| b.overdue_days.cmp(&a.overdue_days))
                .then_with(|| a.next_due.as_ref().map(|n| n.due_date).cmp(&b.next_due.as_ref().map(|n| n.due_date)))
                .then_with(|| b.settled_on.cmp(&a.settled_on))
                .then_with(|| a.id.cmp(&b.id))
        });
        let (bills, next_cursor) = paginate(bills, page)?;
        Ok(BillList { bills, next_cursor })
    }

    fn find_bill<'a>(shopper: &'a Shopper, bill_id: &str) -> Result<&'a BillRecord, ApiError> {
        shopper
            .bills
            .iter()
            .find(|b| b.id == bill_id)
            .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no bill {bill_id:?} for this shopper")))
    }

    /// `GET /v1/bills/{id}`
    pub fn bill(&self, token: &str, bill_id: &str, now: OffsetDateTime) -> Result<Bill, ApiError> {
        let shopper = self.auth(token)?;
        Ok(bill_view(Self::find_bill(shopper, bill_id)?, provider_date(now), &self.policy)?)
    }

    /// `POST /v1/bills/{id}/quotes`
    pub fn create_quote(
        &mut self,
        token: &str,
        bill_id: &str,
        request: &QuoteRequest,
        now: OffsetDateTime,
    ) -> Result<Quote, ApiError> {
        self.prune(now);
        let shopper = self.auth(token)?;
        let record = Self::find_bill(shopper, bill_id)?;
        let breakdown = price_quote(record, request.scope, provider_date(now), &self.policy).map_err(|e| match e {
            QuoteError::NothingToRepay => ApiError::new(
                ErrorCode::NothingToRepay,
                format!("bill {bill_id} is settled: there is nothing to repay"),
            ),
            QuoteError::Money(e) => e.into(),
        })?;
        let paid_installments = record.installments.iter().filter(|i| i.payment.is_some()).count();
        let shopper_id = shopper.id.clone();
        let quote = Quote {
            id: self.next_id("qt"),
            bill_id: bill_id.to_owned(),
            scope: request.scope,
            breakdown,
            created_at: now,
            expires_at: now + Duration::seconds(i64::from(self.policy.quote_ttl_seconds)),
        };
        self.quotes.insert(
            quote.id.clone(),
            QuoteRecord { shopper: shopper_id, quote: quote.clone(), paid_installments, used: false },
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
        idempotency_key: &str,
        request: &RepaymentRequest,
        now: OffsetDateTime,
    ) -> Result<RepaymentResult, ApiError> {
        self.prune(now);
        let shopper_id = self.auth(token)?.id.clone();
        validate_idempotency_key(idempotency_key)?;
        let scope =
            IdempotencyScope { token: token.to_owned(), operation: "repayments", key: idempotency_key.to_owned() };
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
                ApiError::new(ErrorCode::NotFound, format!("no quote {:?}: ask for a new quote", request.quote_id))
            })?
            .clone();
        let quote = &quote_record.quote;
        let shopper = self.auth(token)?;
        let bill = Self::find_bill(shopper, &quote.bill_id)?;
        let paid_now = bill.installments.iter().filter(|i| i.payment.is_some()).count();
        let stale = quote_record.used
            || now >= quote.expires_at
            || provider_date(quote.created_at) != today
            || paid_now != quote_record.paid_installments;
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
                ApiError::new(ErrorCode::NotFound, format!("no payment method {:?}", request.payment_method_id))
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
        apply_repayment(&mut updated_bill, quote.scope, &quote.breakdown, today, &self.policy)?;
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
        self.idempotency.insert(
            scope,
            IdempotencyRecord {
                request: stored,
                response: StoredResponse::Repayment(Box::new(result.clone())),
                at: now,
            },
        );
        Ok(result)
    }

    /// `GET /v1/repayments?bill_id=`: newest first.
    pub fn repayments(
        &self,
        token: &str,
        bill_id: Option<&str>,
        page: &PageRequest,
    ) -> Result<RepaymentList, ApiError> {
        let shopper = self.auth(token)?;
        if let Some(id) = bill_id {
            Self::find_bill(shopper, id)?;
        }
        let mut repayments: Vec<Repayment> =
            shopper.repayments.iter().filter(|r| bill_id.is_none_or(|id| r.bill_id == id)).cloned().collect();
        repayments.sort_by(|a, b| b.paid_at.cmp(&a.paid_at).then_with(|| b.id.cmp(&a.id)));
        let (repayments, next_cursor) = paginate(repayments, page)?;
        Ok(RepaymentList { repayments, next_cursor })
    }
}

/// The wire name of an ineligibility reason.
pub fn reason_name(reason: IneligibleReason) -> &'static str {
    match reason {
        IneligibleReason::ScoreTooLow => "score_too_low",
        IneligibleReason::LimitTooLow => "limit_too_low",
        IneligibleReason::SeriouslyOverdue => "seriously_overdue",
        IneligibleReason::CurrencyNotSupported => "currency_not_supported",
    }
}

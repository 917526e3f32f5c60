//! The sandbox: the provider's behaviour as a plain state machine, with no I/O and no clock.
//!
//! Every operation of the contract is a method that takes the caller's credentials (a shopper's
//! session token, or a merchant's id once its secret key was checked), the request, and `now`,
//! and returns the response or an [`ApiError`]. [`router`] maps HTTP requests onto these methods
//! and their results onto JSON, and is the one piece of code that both the in-browser mock (in
//! the widget) and the HTTP sandbox server call, so the two cannot disagree.
//!
//! * Shoppers ([`shopper`]): profile, agreement, eligibility, **authorizing** an order (the limit
//!   is held), bills, quotes, repayments, refunds.
//! * Merchants ([`merchant`]): look an order up by their own id, **capture** it (only then is it
//!   a bill), cancel it, refund it, list events and set the webhook URL. Authorizations not
//!   captured in time expire ([`Sandbox::sweep`]).
//! * Webhooks ([`webhooks`]): every change a merchant cares about is an event, delivered signed
//!   by the sandbox server and listed by the API.
//! * Idempotency: every call that creates an order or moves money needs an `Idempotency-Key`. A
//!   repeat with the same key and the same body returns the stored first result and changes
//!   nothing; the same key with a different body is `idempotency_conflict`. Keys are kept for
//!   [`IDEMPOTENCY_RETENTION`] (24 hours). Failed requests are not stored: they changed nothing,
//!   so retrying them is safe.
//! * A repayment, capture or refund either fully happens or not at all.
//! * An expired, already used, or stale quote (the bill changed, or the day turned, since it was
//!   made) is refused with `quote_expired`, never silently re-priced.

mod access;
mod autopay;
mod bills;
mod idempotency;
pub mod merchant;
mod offers;
pub mod router;
pub mod seed;
pub mod shopper;
pub mod webhooks;

use crate::json::Quoted;
use std::collections::BTreeMap;

use time::{OffsetDateTime, UtcOffset};

use crate::api::{Activation, Agreement, ErrorCode, Order, PageRequest, PaymentMethod, Problem, Quote, Repayment};
use crate::bill::BillRecord;
use crate::ids::{AuthorizationId, MerchantId, QuoteId};
use crate::money::{Money, MoneyError};
use crate::plan::Policy;
pub use idempotency::IDEMPOTENCY_RETENTION;
use idempotency::{IdempotencyRecord, IdempotencyScope};

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
        ErrorCode::AmountMismatch => "Amount does not match the authorization",
        ErrorCode::InvalidState => "Not possible in the order's state",
        ErrorCode::RefundExceedsCaptured => "Refund exceeds what can be refunded",
        ErrorCode::Forbidden => "Forbidden",
        ErrorCode::MethodNotAllowed => "Method not allowed",
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
    /// Amounts held on the limit by authorizations not yet captured, by authorization id.
    pub held: BTreeMap<AuthorizationId, Money>,
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
            .filter(|i| i.is_open() && i.principal.currency() == currency)
            .try_fold(Money::zero(currency), |acc, i| acc.checked_add(&i.principal))
    }

    /// What authorizations not yet captured hold on the limit.
    pub fn held_total(&self) -> Result<Money, MoneyError> {
        let currency = self.credit_limit.currency();
        self.held
            .values()
            .filter(|m| m.currency() == currency)
            .try_fold(Money::zero(currency), |acc, m| acc.checked_add(m))
    }

    /// The credit limit less the principal not yet repaid and the holds, never below zero.
    pub fn available_limit(&self) -> Result<Money, MoneyError> {
        let left = self.credit_limit.checked_sub(&self.outstanding_principal()?)?.checked_sub(&self.held_total()?)?;
        Ok(if left.is_negative() { Money::zero(left.currency()) } else { left })
    }
}

/// A merchant: its secret key, and where its webhook events go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merchant {
    pub id: MerchantId,
    pub name: String,
    /// `sk_test_…`; a merchant without one cannot call the merchant API.
    pub secret_key: Option<String>,
    pub webhook_url: Option<String>,
    /// `whsec_…`: signs the webhook deliveries.
    pub webhook_secret: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct QuoteRecord {
    shopper: String,
    quote: Quote,
    /// The bill as it was when the quote was made: any repayment or refund since re-prices it.
    bill: crate::bill::BillRecord,
    used: bool,
}

/// An authorization and the shopper behind it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct OrderRecord {
    order: Order,
    /// The shopper's session token.
    shopper: String,
}

/// The whole sandbox: merchants, shoppers by session token, orders, quotes, events, idempotency
/// records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sandbox {
    policy: Policy,
    agreement: Agreement,
    merchants: BTreeMap<MerchantId, Merchant>,
    shoppers: BTreeMap<String, Shopper>,
    /// The demo shoppers as seeded, copied for `<token>+<suffix>` sessions.
    templates: BTreeMap<String, Shopper>,
    /// The provider's day the demo data is dated from.
    seeded_on: time::Date,
    quotes: BTreeMap<QuoteId, QuoteRecord>,
    /// Authorizations by id.
    orders: BTreeMap<AuthorizationId, OrderRecord>,
    events: Vec<webhooks::StoredEvent>,
    idempotency: BTreeMap<IdempotencyScope, IdempotencyRecord>,
    next_id: u64,
    /// Events count on their own, so that ids of bills and quotes do not depend on them.
    next_event: u64,
}

/// An identifier or short text: 1 to 128 characters, not only spaces.
fn require_text(field: &str, value: &str) -> Result<(), ApiError> {
    if value.trim().is_empty() || value.chars().count() > 128 {
        Err(ApiError::new(ErrorCode::InvalidRequest, format!("{field} must be 1 to 128 characters, not only spaces")))
    } else {
        Ok(())
    }
}

/// One page of `items`: the cursor is the position of the page's first item (opaque to clients).
/// A cursor past the end (the list shrank since it was given) answers an empty last page.
fn paginate<T>(mut items: Vec<T>, page: &PageRequest) -> Result<(Vec<T>, Option<String>), ApiError> {
    let start = match &page.cursor {
        None => 0,
        Some(cursor) => {
            let digits = !cursor.is_empty() && cursor.len() <= 10 && cursor.bytes().all(|b| b.is_ascii_digit());
            let position = digits.then(|| cursor.parse::<u64>().ok()).flatten().ok_or_else(|| {
                ApiError::new(
                    ErrorCode::InvalidRequest,
                    format!("cursor {} is not one this API gave: pass next_cursor from the previous page, or leave it out for the first page", Quoted(cursor)),
                )
            })?;
            usize::try_from(position).unwrap_or(usize::MAX).min(items.len())
        }
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
    /// An empty sandbox with `policy` and `agreement`; add merchants and shoppers with
    /// [`Sandbox::add_merchant`] and [`Sandbox::add_shopper`].
    pub fn new(policy: Policy, agreement: Agreement) -> Sandbox {
        Sandbox {
            policy,
            agreement,
            merchants: BTreeMap::new(),
            shoppers: BTreeMap::new(),
            templates: BTreeMap::new(),
            seeded_on: time::Date::MIN,
            quotes: BTreeMap::new(),
            orders: BTreeMap::new(),
            events: Vec::new(),
            idempotency: BTreeMap::new(),
            next_id: 1,
            next_event: 1,
        }
    }

    /// Adds a merchant with no secret key and no webhook URL; its webhook secret is derived from
    /// its id until [`Sandbox::set_webhook_secret`] sets another.
    pub fn add_merchant(&mut self, id: &str, name: &str) {
        self.merchants.insert(
            id.into(),
            Merchant {
                id: id.into(),
                name: name.to_owned(),
                secret_key: None,
                webhook_url: None,
                webhook_secret: format!("whsec_{id}"),
            },
        );
    }

    /// The merchant `id`, if known.
    pub fn merchant(&self, id: &str) -> Option<&Merchant> {
        self.merchants.get(&MerchantId::from(id))
    }

    /// Gives merchant `id` the secret key `key` (replacing its previous one).
    pub fn set_secret_key(&mut self, id: &str, key: &str) {
        if let Some(m) = self.merchants.get_mut(&MerchantId::from(id)) {
            m.secret_key = Some(key.to_owned());
        }
    }

    /// Where merchant `id`'s webhook events go (`None`: nowhere; they stay listable).
    pub fn set_webhook_url(&mut self, id: &str, url: Option<&str>) {
        if let Some(m) = self.merchants.get_mut(&MerchantId::from(id)) {
            m.webhook_url = url.map(str::to_owned);
        }
    }

    pub fn set_webhook_secret(&mut self, id: &str, secret: &str) {
        if let Some(m) = self.merchants.get_mut(&MerchantId::from(id)) {
            m.webhook_secret = secret.to_owned();
        }
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

    fn next_id(&mut self, prefix: &str) -> String {
        let id = format!("{prefix}_{:06}", self.next_id);
        self.next_id += 1;
        id
    }

    fn merchant_name(&self, merchant_id: &MerchantId) -> String {
        self.merchants.get(merchant_id).map(|m| m.name.clone()).unwrap_or_else(|| merchant_id.to_string())
    }

    fn auth(&self, token: &str) -> Result<&Shopper, ApiError> {
        self.shoppers.get(token).ok_or_else(unknown_session)
    }

    fn auth_mut(&mut self, token: &str) -> Result<&mut Shopper, ApiError> {
        self.shoppers.get_mut(token).ok_or_else(unknown_session)
    }
}

fn unknown_session() -> ApiError {
    ApiError::new(
        ErrorCode::Unauthorized,
        "the session token is unknown or expired: get a new one from the merchant's server",
    )
}

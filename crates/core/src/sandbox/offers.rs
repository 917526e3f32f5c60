//! `GET /v1/offers?amount=&currency=&merchant_id=`: the offer beside an order total, public (no
//! session token: it is the same for every shopper) and cacheable. Computed from the policy by
//! the same code as eligibility's plans, on the provider's date.

use time::OffsetDateTime;

use super::router::query_value;
use super::{ApiError, Sandbox, provider_date, require_positive};
use crate::api::{ErrorCode, Offer, offer};
use crate::ids::MerchantId;
use crate::json::Quoted;
use crate::money::{Currency, Money};

fn required(query: &str, name: &str) -> Result<String, ApiError> {
    query_value(query, name).filter(|v| !v.trim().is_empty()).ok_or_else(|| {
        ApiError::new(
            ErrorCode::InvalidRequest,
            format!("the query needs {name}: GET /v1/offers?amount=1299.00&currency=CNY&merchant_id=M-DEMO-SHOP"),
        )
    })
}

impl Sandbox {
    /// The offer for the amount, currency and merchant of `query`, at `now`.
    pub fn offer(&self, query: &str, now: OffsetDateTime) -> Result<Offer, ApiError> {
        let code = required(query, "currency")?;
        let currency: Currency =
            code.parse().map_err(|e| ApiError::new(ErrorCode::InvalidRequest, format!("currency: {e}")))?;
        let text = required(query, "amount")?;
        let amount = Money::parse(&text, currency)
            .map_err(|e| ApiError::new(ErrorCode::InvalidRequest, format!("amount {}: {e}", Quoted(&text))))?;
        require_positive(&amount)?;
        let merchant_id = MerchantId::from(required(query, "merchant_id")?);
        self.require_merchant(&merchant_id)?;
        offer(merchant_id, amount, provider_date(now), &self.policy)
            .map_err(|e| ApiError::new(ErrorCode::InvalidRequest, format!("no plan can be made for {amount}: {e}")))
    }
}

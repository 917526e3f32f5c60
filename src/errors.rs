//! What the shopper is told when a call fails: one message key per kind of failure, never a raw
//! code. Pure, tested natively.

use paylater_core::api::ErrorCode;
use paylater_core::client::ClientError;

/// Which call failed, because the same failure means different things to the shopper.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Call {
    /// A read (eligibility, agreement, bills…): nothing changed.
    Read,
    /// Creating the order: money and credit may be committed.
    Order,
    /// Paying a repayment: money may have moved.
    Repayment,
}

/// The i18n key of the message for `error` on `call`.
pub fn message_key(call: Call, error: &ClientError) -> &'static str {
    if error.outcome_unknown() {
        match call {
            Call::Order => return "error.order_unconfirmed",
            Call::Repayment => return "repay.error.unconfirmed",
            Call::Read => {}
        }
    }
    match error {
        ClientError::Network(_) => "error.network",
        ClientError::Timeout => "error.timeout",
        ClientError::Garbled { .. } | ClientError::Http { .. } => "error.service",
        ClientError::Problem(p) => match p.code {
            ErrorCode::Unauthorized => "error.session",
            ErrorCode::AgreementRequired => "agreement.required",
            ErrorCode::InsufficientFunds => "repay.error.insufficient",
            ErrorCode::QuoteExpired => "repay.refreshed",
            ErrorCode::NothingToRepay => "repay.error.nothing",
            ErrorCode::InvalidRequest
            | ErrorCode::NotFound
            | ErrorCode::IdempotencyConflict
            | ErrorCode::InvalidState => "error.merchant",
            _ => "error.service",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use paylater_core::api::Problem;

    #[test]
    fn unknown_outcomes_of_an_order_never_read_as_failures() {
        for e in [ClientError::Timeout, ClientError::Network("reset".into()), ClientError::Http { status: 502 }] {
            assert_eq!(message_key(Call::Order, &e), "error.order_unconfirmed");
        }
        assert_eq!(message_key(Call::Read, &ClientError::Timeout), "error.timeout");
        assert_eq!(message_key(Call::Read, &ClientError::Network("x".into())), "error.network");
    }

    #[test]
    fn problems_map_to_words() {
        let p = |code| ClientError::Problem(Problem::new(code, "t", "d"));
        assert_eq!(message_key(Call::Order, &p(ErrorCode::Unauthorized)), "error.session");
        assert_eq!(message_key(Call::Order, &p(ErrorCode::Internal)), "error.service");
        assert_eq!(message_key(Call::Read, &p(ErrorCode::InvalidRequest)), "error.merchant");
        assert_eq!(message_key(Call::Repayment, &p(ErrorCode::InsufficientFunds)), "repay.error.insufficient");
        assert_eq!(message_key(Call::Repayment, &ClientError::Timeout), "repay.error.unconfirmed");
    }
}

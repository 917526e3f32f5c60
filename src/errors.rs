//! What the shopper is told when a call fails: one message per kind of failure, never a raw code.
//! Pure, tested natively.

use paylater_core::api::ErrorCode;
use paylater_core::client::ClientError;

use crate::i18n::Key;

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

/// The message for `error` on `call`.
pub fn message_key(call: Call, error: &ClientError) -> Key {
    if error.outcome_unknown() {
        match call {
            Call::Order => return Key::ErrorOrderUnconfirmed,
            Call::Repayment => return Key::RepayErrorUnconfirmed,
            Call::Read => {}
        }
    }
    match error {
        ClientError::Network(_) => Key::ErrorNetwork,
        ClientError::Timeout => Key::ErrorTimeout,
        ClientError::Garbled { .. } | ClientError::Http { .. } => Key::ErrorService,
        ClientError::Problem(p) => match p.code {
            ErrorCode::Unauthorized => Key::ErrorSession,
            ErrorCode::AgreementRequired => Key::AgreementRequired,
            ErrorCode::InsufficientFunds => Key::RepayErrorInsufficient,
            ErrorCode::QuoteExpired => Key::RepayRefreshed,
            ErrorCode::NothingToRepay => Key::RepayErrorNothing,
            ErrorCode::InvalidRequest
            | ErrorCode::NotFound
            | ErrorCode::IdempotencyConflict
            | ErrorCode::InvalidState => Key::ErrorMerchant,
            _ => Key::ErrorService,
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
            assert_eq!(message_key(Call::Order, &e), Key::ErrorOrderUnconfirmed);
        }
        assert_eq!(message_key(Call::Read, &ClientError::Timeout), Key::ErrorTimeout);
        assert_eq!(message_key(Call::Read, &ClientError::Network("x".into())), Key::ErrorNetwork);
    }

    #[test]
    fn problems_map_to_words() {
        let p = |code| ClientError::Problem(Problem::new(code, "t", "d"));
        assert_eq!(message_key(Call::Order, &p(ErrorCode::Unauthorized)), Key::ErrorSession);
        assert_eq!(message_key(Call::Order, &p(ErrorCode::Internal)), Key::ErrorService);
        assert_eq!(message_key(Call::Read, &p(ErrorCode::InvalidRequest)), Key::ErrorMerchant);
        assert_eq!(message_key(Call::Repayment, &p(ErrorCode::InsufficientFunds)), Key::RepayErrorInsufficient);
        assert_eq!(message_key(Call::Repayment, &ClientError::Timeout), Key::RepayErrorUnconfirmed);
    }
}

//! What the shopper is told when a call fails: one message per kind of failure, never a raw code.
//! Pure, tested natively.

use paylater_core::api::ErrorCode;
use paylater_core::client::ClientError;

use serde::Serialize;

use crate::i18n::Key;

/// Which call failed: the same failure means different things to the shopper (a write whose
/// outcome is unknown is not a read), and the merchant's page reads it in `paylater:error`
/// (`call`: the checkout's calls are reported there).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Call {
    /// Reading what a view shows (the offer, bills, records, quotes…): nothing changed.
    Read,
    /// Eligibility for this order: a read.
    Eligibility,
    /// Accepting the service agreement: changes the account, never money, and is safe to send
    /// again, so an unknown outcome is told as a read's failure.
    Activation,
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
            Call::Read | Call::Eligibility | Call::Activation => {}
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
            ErrorCode::AmountMismatch if call == Call::Repayment || call == Call::Read => Key::RepayAmountTooMuchNow,
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
    fn an_activation_or_eligibility_that_timed_out_asks_to_try_again() {
        // Accepting the agreement again is harmless: its unknown outcome is told like a read's.
        for call in [Call::Activation, Call::Eligibility] {
            assert_eq!(message_key(call, &ClientError::Timeout), Key::ErrorTimeout);
            assert_eq!(message_key(call, &ClientError::Http { status: 502 }), Key::ErrorService);
        }
    }

    #[test]
    fn the_call_is_named_in_events_as_the_documented_strings() {
        let named: Vec<String> = [Call::Eligibility, Call::Activation, Call::Order]
            .iter()
            .map(|c| paylater_core::json::to_string(c).unwrap())
            .collect();
        assert_eq!(named, [r#""eligibility""#, r#""activation""#, r#""order""#]);
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

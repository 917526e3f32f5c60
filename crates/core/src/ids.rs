//! Identifiers as types, so that a bill's id cannot be passed where a quote's is expected, or an
//! idempotency key where a merchant's order id is. Each is a plain string on the wire
//! (`#[serde(transparent)]`) and reads as a `&str` (`Deref`).

use core::fmt;

use serde::{Deserialize, Serialize};

macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl core::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                $name(text.to_owned())
            }
        }

        impl crate::json::Decode for $name {
            fn decode<J: crate::json::JsonValue>(
                node: crate::json::Node<J>,
            ) -> Result<Self, crate::json::DecodeError> {
                String::decode(node).map($name)
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                $name(text)
            }
        }

        impl From<&String> for $name {
            fn from(text: &String) -> Self {
                $name(text.clone())
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&$name> for $name {
            fn eq(&self, other: &&$name) -> bool {
                self == *other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        /// As the string it is (`"auth_000001"`), so that messages which quote an id with `{:?}`
        /// read as the id the caller sent, not as a Rust type.
        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&self.0, f)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id!(
    /// A bill's id (`bill_…`).
    BillId
);
id!(
    /// An authorization's id (`auth_…`): what `paylater:approved` carries to the merchant's server.
    AuthorizationId
);
id!(
    /// The merchant's own order id (`ORDER-1001`).
    OrderId
);
id!(
    /// A merchant's id, given by the provider (`M-DEMO-SHOP`).
    MerchantId
);
id!(
    /// An early-repayment quote's id (`qt_…`).
    QuoteId
);
id!(
    /// A payment method's id (`pm_card_1234`).
    PaymentMethodId
);
id!(
    /// The `Idempotency-Key` of a call that creates an order or moves money: the same key for a
    /// retry of the same request, a new one for a new request.
    IdempotencyKey
);

//! Every enum of the API: its variants, kept exhaustive by the compiler, and the table of enum
//! schemas (name, serde wire names, serde's verdict, the variants as examples) the tests walk.

use std::fmt::Debug;

use paylater_core::Currency;
use paylater_core::api::{
    ActivationState, BillFilter, BillStatus, CreditBand, ErrorCode, EventType, IneligibleReason, InstallmentStatus,
    OrderFilter, OrderStatus, PaymentMethodKind, PlanKind, QuoteScope,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::examples::{Examples, short_type_name};

/// The listed variants of an enum; the exhaustive `match` stops compiling when a variant is added
/// to the Rust type and not listed here.
macro_rules! variants {
    ($ty:ident: $($variant:ident),+ $(,)?) => {{
        let _exhaustive = |value: $ty| match value {
            $($ty::$variant)|+ => (),
        };
        [$($ty::$variant),+]
    }};
}

pub fn currencies() -> [Currency; 6] {
    variants!(Currency: CNY, HKD, USD, EUR, JPY, KRW)
}
pub fn plan_kinds() -> [PlanKind; 4] {
    variants!(PlanKind: PayIn30Days, Installments3, Installments6, Installments12)
}
pub fn activation_states() -> [ActivationState; 2] {
    variants!(ActivationState: NotActivated, Activated)
}
pub fn credit_bands() -> [CreditBand; 5] {
    variants!(CreditBand: Poor, Fair, Good, VeryGood, Excellent)
}
pub fn ineligible_reasons() -> [IneligibleReason; 4] {
    variants!(IneligibleReason: ScoreTooLow, LimitTooLow, SeriouslyOverdue, CurrencyNotSupported)
}
pub fn bill_filters() -> [BillFilter; 3] {
    variants!(BillFilter: Open, Settled, All)
}
pub fn bill_statuses() -> [BillStatus; 5] {
    variants!(BillStatus: Overdue, DueSoon, OnSchedule, Settled, Refunded)
}
pub fn installment_statuses() -> [InstallmentStatus; 5] {
    variants!(InstallmentStatus: Paid, Overdue, Due, Upcoming, Refunded)
}
pub fn order_statuses() -> [OrderStatus; 4] {
    variants!(OrderStatus: Authorized, Captured, Cancelled, Expired)
}
pub fn order_filters() -> [OrderFilter; 2] {
    variants!(OrderFilter: Authorized, All)
}
pub fn event_types() -> [EventType; 7] {
    variants!(EventType: OrderAuthorized, OrderCaptured, OrderCancelled, OrderExpired, OrderRefunded, RepaymentMade,
        BillSettled)
}
pub fn quote_scopes() -> [QuoteScope; 3] {
    variants!(QuoteScope: NextInstallment, Settle, Amount)
}
pub fn payment_method_kinds() -> [PaymentMethodKind; 3] {
    variants!(PaymentMethodKind: BankCard, Balance, MoneyMarketFund)
}
pub fn error_codes() -> [ErrorCode; 16] {
    variants!(ErrorCode: NotEligible, LimitExceeded, AgreementRequired, InsufficientFunds, QuoteExpired,
        NothingToRepay, IdempotencyConflict, InvalidRequest, Unauthorized, NotFound, Internal, AmountMismatch,
        InvalidState, RefundExceedsCaptured, Forbidden, MethodNotAllowed)
}

/// The serde wire names of `values`.
pub fn wire<T: Serialize>(values: &[T]) -> Vec<Value> {
    values.iter().map(|v| serde_json::to_value(v).expect("an enum serializes")).collect()
}

/// One enum schema, named after its Rust type.
pub struct EnumSchema {
    pub name: &'static str,
    /// The serde wire names of its variants, in order.
    pub wire: Vec<Value>,
    /// Whether serde reads a JSON value as the Rust type.
    pub rust_accepts: fn(&Value) -> bool,
    /// Adds every variant as an example of the schema.
    pub add_examples: Box<dyn Fn(&mut Examples)>,
}

fn rust_accepts<T: DeserializeOwned>(value: &Value) -> bool {
    serde_json::from_value::<T>(value.clone()).is_ok()
}

fn enum_schema<T, const N: usize>(variants: [T; N]) -> EnumSchema
where
    T: Serialize + DeserializeOwned + PartialEq + Debug + 'static,
{
    EnumSchema {
        name: short_type_name::<T>(),
        wire: wire(&variants),
        rust_accepts: rust_accepts::<T>,
        add_examples: Box::new(move |ex| variants.iter().for_each(|v| ex.add(format!("{v:?}"), v))),
    }
}

/// Every enum schema.
pub fn enums() -> [EnumSchema; 14] {
    [
        enum_schema(currencies()),
        enum_schema(plan_kinds()),
        enum_schema(activation_states()),
        enum_schema(credit_bands()),
        enum_schema(ineligible_reasons()),
        enum_schema(bill_filters()),
        enum_schema(bill_statuses()),
        enum_schema(installment_statuses()),
        enum_schema(quote_scopes()),
        enum_schema(payment_method_kinds()),
        enum_schema(error_codes()),
        enum_schema(order_statuses()),
        enum_schema(order_filters()),
        enum_schema(event_types()),
    ]
}

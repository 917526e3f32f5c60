//! [`Decode`](crate::json::Decode) for every answer of the contract: the field lists of the types
//! in `api.rs`, `bill/`, `plan.rs`, `eligibility.rs`, `orders.rs` and `offers.rs` (a field left
//! out here is a compile error; a name that differs from serde's fails tests/json.rs).

use super::*;
use crate::bill::{Autopay, QuoteBreakdown, QuoteLine, RefundPayback};
use crate::{decode_enum, decode_struct};

decode_enum!(PlanKind {
    PayIn30Days = "pay_in_30_days",
    Installments3 = "installments_3",
    Installments6 = "installments_6",
    Installments12 = "installments_12",
});
decode_enum!(ActivationState { NotActivated = "not_activated", Activated = "activated" });
decode_enum!(CreditBand { Poor = "poor", Fair = "fair", Good = "good", VeryGood = "very_good", Excellent = "excellent" });
decode_enum!(IneligibleReason {
    ScoreTooLow = "score_too_low",
    LimitTooLow = "limit_too_low",
    SeriouslyOverdue = "seriously_overdue",
    CurrencyNotSupported = "currency_not_supported",
});
decode_enum!(OrderStatus { Authorized = "authorized", Captured = "captured", Cancelled = "cancelled", Expired = "expired" });
decode_enum!(BillStatus {
    Overdue = "overdue",
    DueSoon = "due_soon",
    OnSchedule = "on_schedule",
    Settled = "settled",
    Refunded = "refunded",
});
decode_enum!(InstallmentStatus {
    Paid = "paid",
    Due = "due",
    Overdue = "overdue",
    Upcoming = "upcoming",
    Refunded = "refunded",
});
decode_struct!(Autopay { payment_method_id, payment_method_label, last4, since });
decode_enum!(QuoteScope { NextInstallment = "next_installment", Settle = "settle", Amount = "amount" });
decode_enum!(PaymentMethodKind { BankCard = "bank_card", Balance = "balance", MoneyMarketFund = "money_market_fund" });
decode_enum!(ErrorCode {
    NotEligible = "not_eligible",
    LimitExceeded = "limit_exceeded",
    AgreementRequired = "agreement_required",
    InsufficientFunds = "insufficient_funds",
    QuoteExpired = "quote_expired",
    NothingToRepay = "nothing_to_repay",
    IdempotencyConflict = "idempotency_conflict",
    InvalidRequest = "invalid_request",
    Unauthorized = "unauthorized",
    NotFound = "not_found",
    Internal = "internal",
    AmountMismatch = "amount_mismatch",
    InvalidState = "invalid_state",
    RefundExceedsCaptured = "refund_exceeds_captured",
    Forbidden = "forbidden",
    MethodNotAllowed = "method_not_allowed",
});

decode_struct!(Problem { problem_type: "type", title, status, detail, code });
decode_struct!(PlanOffer { plan, installment_count, first_installment, fee, fee_rate, annual_rate, total });
decode_struct!(Offer { merchant_id, amount, lowest_monthly_payment, plans });
decode_struct!(CreditLimit { total, available });
decode_struct!(Profile {
    shopper_id,
    masked_name,
    credit_score,
    credit_band,
    activation,
    agreement_version,
    credit_limit,
});
decode_struct!(Agreement { version, title, text, late_interest_daily_rate });
decode_struct!(Activation { agreement_version, accepted_at });
decode_struct!(ScheduledInstallment { number, due_date, principal, fee, amount });
decode_struct!(Schedule { plan, fee_rate, annual_rate, principal, fee, total, installments });
decode_struct!(Eligibility { eligible, reasons, activation_required, available_limit, plans });
decode_struct!(Order {
    id,
    merchant_id,
    merchant_name,
    order_id,
    plan,
    amount,
    status,
    created_at,
    expires_at,
    captured_amount,
    captured_at,
    closed_at,
    refunded_amount,
    bill_id,
});
decode_struct!(OrderList { orders, next_cursor });
decode_struct!(RefundPayback { payment_method_id, payment_method_kind, payment_method_label, amount });
decode_struct!(BillRefund {
    id,
    bill_id,
    merchant_name,
    order_id,
    amount,
    fees_refunded,
    owed_reduced,
    paid_back,
    paid_back_to,
    reason,
    refunded_at,
});
decode_struct!(RefundList { refunds, next_cursor });
decode_struct!(BillInstallment {
    number,
    due_date,
    principal,
    fee,
    fee_waived,
    late_interest,
    amount,
    paid,
    refunded,
    status,
    paid_on,
    autopay_failed,
});
decode_struct!(NextDue { installment_number, due_date, amount });
decode_struct!(Bill {
    id,
    merchant_id,
    merchant_name,
    order_id,
    plan,
    created_on,
    principal,
    fee,
    annual_rate,
    late_interest_daily_rate,
    status,
    overdue_days,
    late_interest,
    amount_left,
    next_due,
    settled_on,
    refunded,
    installments,
    refunds,
    autopay,
});
decode_struct!(BillList { bills, next_cursor });
decode_struct!(QuoteLine { installment, amount, principal, fee, late_interest, fee_waived, paid_off });
decode_struct!(QuoteBreakdown { principal, fees, late_interest, fees_waived, total, installments });
decode_struct!(Quote { id, bill_id, scope, breakdown, lines, created_at, expires_at });
decode_struct!(PaymentMethod { id, kind, label, last4, available });
decode_struct!(PaymentMethodList { payment_methods });
decode_struct!(Repayment {
    id,
    receipt_number,
    bill_id,
    merchant_name,
    order_id,
    quote_id,
    scope,
    amount,
    breakdown,
    payment_method_id,
    payment_method_kind,
    payment_method_label,
    paid_at,
    autopay,
});
decode_struct!(RepaymentResult { repayment, bill });
decode_struct!(RepaymentList { repayments, next_cursor });

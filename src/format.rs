//! How the widget words and formats things for the shopper, in one place: plans, payment methods,
//! ineligibility reasons, bill and installment statuses, ids usable in the DOM.

use paylater_core::Decimal;
use paylater_core::Money;
use paylater_core::api::{
    Bill, BillInstallment, BillStatus, IneligibleReason, InstallmentStatus, PaymentMethod, PlanKind,
};
use paylater_core::locale::{Locale, format_date, format_money, format_rate};

use crate::i18n::{Key, t, t_with};

/// The plan's name.
pub fn plan_name(plan: PlanKind, locale: Locale) -> String {
    match plan {
        PlanKind::PayIn30Days => t(locale, Key::PlanPayIn30Days).to_owned(),
        other => t_with(locale, Key::PlanInstallments, &[("count", &other.installment_count().to_string())]),
    }
}

/// A plan's annualized rate (年化利率 / APR) in words: "APR 15.27%" / "年化利率 15.27%".
pub fn annual_rate_text(rate: Decimal, locale: Locale) -> String {
    t_with(locale, Key::PlanAnnualRate, &[("rate", &format_rate(rate))])
}

/// Late interest as its daily rate and its annual equivalent (× 365, simple, as it is charged).
pub fn late_interest_rate_text(daily: Decimal, locale: Locale) -> String {
    let annual = paylater_core::annual_from_daily(daily);
    t_with(locale, Key::LateInterestRate, &[("daily", &format_rate(daily)), ("annual", &format_rate(annual))])
}

/// How a payment method is named (a card with its last four digits).
pub fn method_name(method: &PaymentMethod, locale: Locale) -> String {
    method_label(&method.label, method.last4.as_deref(), locale)
}

/// A payment method's label with a card's last four digits: "招商银行储蓄卡 •••• 1234".
pub fn method_label(label: &str, last4: Option<&str>, locale: Locale) -> String {
    match last4 {
        Some(last4) => t_with(locale, Key::RepayMethodCard, &[("label", label), ("last4", last4)]),
        None => label.to_owned(),
    }
}

/// The sentence for one reason pay later was declined.
pub fn reason_text(reason: IneligibleReason, available_limit: &Money, locale: Locale) -> String {
    match reason {
        IneligibleReason::ScoreTooLow => t(locale, Key::ReasonScoreTooLow).to_owned(),
        IneligibleReason::LimitTooLow => {
            t_with(locale, Key::ReasonLimitTooLow, &[("available", &format_money(available_limit, locale))])
        }
        IneligibleReason::SeriouslyOverdue => t(locale, Key::ReasonSeriouslyOverdue).to_owned(),
        IneligibleReason::CurrencyNotSupported => t(locale, Key::ReasonCurrencyNotSupported).to_owned(),
    }
}

/// A bill's status in words (never by colour alone).
pub fn bill_status_text(bill: &Bill, locale: Locale) -> String {
    let date = || bill.settled_on.map(|d| format_date(d, locale)).unwrap_or_default();
    match bill.status {
        BillStatus::OnSchedule => t(locale, Key::BillStatusOnSchedule).to_owned(),
        BillStatus::DueSoon => t(locale, Key::BillStatusDueSoon).to_owned(),
        BillStatus::Overdue => t_with(
            locale,
            Key::BillStatusOverdue,
            &[("days", &bill.overdue_days.to_string()), ("amount", &format_money(&bill.late_interest, locale))],
        ),
        BillStatus::Settled => t_with(locale, Key::BillStatusSettled, &[("date", &date())]),
        BillStatus::Refunded => t_with(locale, Key::BillStatusRefunded, &[("date", &date())]),
    }
}

/// A bill status as a CSS modifier and `data-status` value.
pub const fn bill_status_class(status: BillStatus) -> &'static str {
    match status {
        BillStatus::Overdue => "overdue",
        BillStatus::DueSoon => "due-soon",
        BillStatus::OnSchedule => "on-schedule",
        BillStatus::Settled => "settled",
        BillStatus::Refunded => "refunded",
    }
}

/// An installment's status in words.
pub fn installment_status_text(installment: &BillInstallment, locale: Locale) -> String {
    match installment.status {
        InstallmentStatus::Paid => {
            let date = installment.paid_on.map(|d| format_date(d, locale)).unwrap_or_default();
            t_with(locale, Key::InstallmentStatusPaid, &[("date", &date)])
        }
        InstallmentStatus::Due => t(locale, Key::InstallmentStatusDue).to_owned(),
        InstallmentStatus::Overdue => t(locale, Key::InstallmentStatusOverdue).to_owned(),
        InstallmentStatus::Upcoming => t(locale, Key::InstallmentStatusUpcoming).to_owned(),
        InstallmentStatus::Refunded => t(locale, Key::InstallmentStatusRefunded).to_owned(),
    }
}

pub const fn installment_status_class(status: InstallmentStatus) -> &'static str {
    match status {
        InstallmentStatus::Paid => "paid",
        InstallmentStatus::Due => "due",
        InstallmentStatus::Overdue => "overdue",
        InstallmentStatus::Upcoming => "upcoming",
        InstallmentStatus::Refunded => "refunded",
    }
}

/// An id usable in `id` attributes, from an API id.
pub fn dom_id(prefix: &str, id: &str) -> String {
    let safe: String =
        id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    format!("{prefix}-{safe}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dom_ids_keep_only_safe_characters() {
        assert_eq!(dom_id("plw-bill", "bill_0001"), "plw-bill-bill_0001");
        assert_eq!(dom_id("plw-bill", "a b\"<c>"), "plw-bill-a_b__c_");
    }

    #[test]
    fn plans_are_named_in_each_language() {
        assert_eq!(plan_name(PlanKind::Installments6, Locale::En), "6 monthly installments");
        assert_eq!(plan_name(PlanKind::PayIn30Days, Locale::En), "Pay in 30 days");
    }
}

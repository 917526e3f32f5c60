//! `GET /v1/offers`: what the provider offers for an amount at a merchant, the line beside the
//! order total ("From ¥117.78 / month"). The same for every shopper, so it takes no session token
//! and may be cached; whether this shopper can use it is eligibility's answer.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use time::Date;

use crate::ids::MerchantId;
use crate::money::Money;
use crate::plan::{PlanKind, Policy, ScheduleError, all_schedules};

/// One plan on offer, as the offer line and the merchant's page need it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanOffer {
    pub plan: PlanKind,
    pub installment_count: u32,
    /// The first payment (it takes any leftover cents, so it is the largest).
    pub first_installment: Money,
    pub fee: Money,
    /// The plan's fee as a fraction of the amount, as a decimal string (`"0.045"`).
    #[serde(with = "rust_decimal::serde::str")]
    pub fee_rate: Decimal,
    /// The annualized rate (年化利率 / APR, IRR method) as a decimal string (`"0.1527"`).
    #[serde(with = "rust_decimal::serde::str")]
    pub annual_rate: Decimal,
    /// Everything the shopper pays over the plan.
    pub total: Money,
}

/// `GET /v1/offers?amount=&currency=&merchant_id=` response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offer {
    pub merchant_id: MerchantId,
    pub amount: Money,
    /// The smallest regular payment among the monthly plans: the first installment of the monthly
    /// plan whose first installment is lowest. `null` when no monthly plan is offered.
    pub lowest_monthly_payment: Option<Money>,
    /// Every plan on offer for this amount, in the order of [`PlanKind::ALL`].
    pub plans: Vec<PlanOffer>,
}

/// The offer for `amount` at `merchant_id` on `order_date`, from the same schedules eligibility
/// answers with (so the line and the plans a click later agree).
pub fn offer(
    merchant_id: MerchantId,
    amount: Money,
    order_date: Date,
    policy: &Policy,
) -> Result<Offer, ScheduleError> {
    let plans: Vec<PlanOffer> = all_schedules(amount, order_date, policy)?
        .into_iter()
        .filter_map(|s| {
            let first_installment = s.installments.first()?.amount;
            Some(PlanOffer {
                plan: s.plan,
                installment_count: s.plan.installment_count(),
                first_installment,
                fee: s.fee,
                fee_rate: s.fee_rate,
                annual_rate: s.annual_rate,
                total: s.total,
            })
        })
        .collect();
    let lowest_monthly_payment = plans
        .iter()
        .filter(|p| p.plan != PlanKind::PayIn30Days)
        .map(|p| p.first_installment)
        .min_by(|a, b| a.amount().cmp(&b.amount()));
    Ok(Offer { merchant_id, amount, lowest_monthly_payment, plans })
}

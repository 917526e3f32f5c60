//! The demo shoppers' data, built for a given "today": their payment methods, bills in every
//! state (repaid on the days the story says, at the quotes' figures), repayments and refunds.

use std::collections::BTreeMap;

use time::{Date, Duration, OffsetDateTime, Time};

use super::{
    AGREEMENT_VERSION, BOOKS, DEMO_MERCHANT_ID, DEMO_SECRET_KEY, DEMO_SHOP, DEMO_WEBHOOK_SECRET, FRESH, HOME,
    SCALE_RECORDS_PER_BILL, SeedMerchant, YOUXUAN, demo_agreement,
};
use crate::api::{Activation, PaymentMethod, PaymentMethodKind, Repayment};
use crate::bill::{BillRecord, QuoteScope, apply_repayment, quote};
use crate::money::{Currency, Money};
use crate::plan::{PlanKind, Policy, schedule};
use crate::sandbox::{PROVIDER_OFFSET, Sandbox, Shopper, provider_date};

fn cny(units: i64) -> Money {
    Money::from_minor(units * 100, Currency::CNY)
}

fn at(date: Date, hour: u8) -> OffsetDateTime {
    date.with_time(Time::from_hms(hour, 0, 0).unwrap_or(Time::MIDNIGHT)).assume_offset(PROVIDER_OFFSET)
}

fn methods(card: i64, balance: i64, fund: i64) -> [PaymentMethod; 3] {
    [
        PaymentMethod {
            id: "pm_card_1234".into(),
            kind: PaymentMethodKind::BankCard,
            label: "招商银行储蓄卡 China Merchants Bank debit card".to_owned(),
            last4: Some("1234".to_owned()),
            available: cny(card),
        },
        PaymentMethod {
            id: "pm_balance".into(),
            kind: PaymentMethodKind::Balance,
            label: "账户余额 Account balance".to_owned(),
            last4: None,
            available: cny(balance),
        },
        PaymentMethod {
            id: "pm_fund".into(),
            kind: PaymentMethodKind::MoneyMarketFund,
            label: "余额宝 Money-market fund".to_owned(),
            last4: None,
            available: cny(fund),
        },
    ]
}

struct SeedBill<'a> {
    id: &'a str,
    merchant: SeedMerchant,
    order_id: &'a str,
    plan: PlanKind,
    amount: i64,
    created_on: Date,
}

fn bill(seed: SeedBill<'_>, policy: &Policy) -> BillRecord {
    let plan = schedule(seed.plan, cny(seed.amount), seed.created_on, policy);
    let plan = plan.unwrap_or_else(|e| unreachable!("demo schedules are valid: {e}"));
    BillRecord::from_schedule(
        seed.id.into(),
        seed.merchant.0.into(),
        seed.merchant.1.to_owned(),
        seed.order_id.into(),
        seed.created_on,
        &plan,
    )
}

/// Repays `bill` on `day` (the next installment or the rest) and returns the record.
fn repay(
    bill: &mut BillRecord,
    scope: QuoteScope,
    day: Date,
    receipt: u32,
    method: &PaymentMethod,
    policy: &Policy,
) -> Option<Repayment> {
    let priced = quote(bill, scope, None, day, policy).ok()?;
    apply_repayment(bill, &priced.lines, day, policy);
    let breakdown = priced.breakdown;
    Some(Repayment {
        id: format!("rp_seed_{receipt:03}"),
        receipt_number: format!("RC{}{receipt:06}", crate::dates::iso_date::format(day).replace('-', "")),
        bill_id: bill.id.clone(),
        merchant_name: bill.merchant_name.clone(),
        order_id: bill.order_id.clone(),
        quote_id: format!("qt_seed_{receipt:03}").into(),
        scope,
        amount: breakdown.total,
        breakdown,
        payment_method_id: method.id.clone(),
        payment_method_kind: method.kind,
        payment_method_label: method.label.clone(),
        paid_at: at(day, 20),
        autopay: false,
    })
}

impl Sandbox {
    /// The sandbox with the demo shoppers of [`DEMO_TOKENS`], dated relative to `now`.
    pub fn demo(now: OffsetDateTime, policy: Policy) -> Sandbox {
        let today = provider_date(now);
        let days = |n: i64| today - Duration::days(n);
        let mut sandbox = Sandbox::new(policy.clone(), demo_agreement(&policy));
        for (id, name) in [DEMO_SHOP, YOUXUAN, FRESH, BOOKS, HOME] {
            sandbox.add_merchant(id, name);
        }
        sandbox.set_secret_key(DEMO_MERCHANT_ID, DEMO_SECRET_KEY);
        sandbox.set_webhook_secret(DEMO_MERCHANT_ID, DEMO_WEBHOOK_SECRET);
        let activated = |days_ago: i64| {
            Some(Activation { agreement_version: AGREEMENT_VERSION.to_owned(), accepted_at: at(days(days_ago), 9) })
        };

        // demo-good: a bill in every state.
        let good_methods = methods(50_000, 2_000, 10_000);
        let [card, _, fund] = &good_methods;
        // Its first installment fell due 5 days ago: ordered one month before that.
        let overdue = bill(
            SeedBill {
                id: "bill_overdue",
                merchant: FRESH,
                order_id: "FR-20260918",
                plan: PlanKind::Installments3,
                amount: 600,
                created_on: month_before(days(5)),
            },
            &policy,
        );
        let due_soon = bill(
            SeedBill {
                id: "bill_due_soon",
                merchant: BOOKS,
                order_id: "BK-88213",
                plan: PlanKind::PayIn30Days,
                amount: 268,
                created_on: days(28),
            },
            &policy,
        );
        let on_schedule = bill(
            SeedBill {
                id: "bill_on_schedule",
                merchant: YOUXUAN,
                order_id: "YX-100245",
                plan: PlanKind::Installments6,
                amount: 3_999,
                created_on: days(10),
            },
            &policy,
        );
        let mut partly_paid = bill(
            SeedBill {
                id: "bill_partly_paid",
                merchant: HOME,
                order_id: "HM-5521",
                plan: PlanKind::Installments12,
                amount: 2_400,
                created_on: month_before(month_before(days(12))),
            },
            &policy,
        );
        let mut settled = bill(
            SeedBill {
                id: "bill_settled",
                merchant: YOUXUAN,
                order_id: "YX-099871",
                plan: PlanKind::Installments3,
                amount: 899,
                created_on: days(120),
            },
            &policy,
        );
        let mut records = Vec::new();
        let first_two: Vec<Date> = partly_paid.installments.iter().take(2).map(|i| i.due_date).collect();
        for (n, due) in first_two.into_iter().enumerate() {
            records.extend(repay(&mut partly_paid, QuoteScope::NextInstallment, due, n as u32 + 1, card, &policy));
        }
        let settled_first_due = settled.installments.first().map_or(today, |i| i.due_date);
        records.extend(repay(&mut settled, QuoteScope::NextInstallment, settled_first_due, 3, card, &policy));
        records.extend(repay(
            &mut settled,
            QuoteScope::Settle,
            settled_first_due + Duration::days(12),
            4,
            fund,
            &policy,
        ));
        records.sort_by_key(|r| r.paid_at);
        sandbox.add_shopper(
            "demo-good",
            Shopper {
                id: "shopper_good".to_owned(),
                name: "王小明".to_owned(),
                credit_score: 720,
                credit_limit: cny(20_000),
                activation: activated(200),
                bills: vec![overdue, due_soon, on_schedule, partly_paid, settled],
                payment_methods: good_methods.into(),
                repayments: records,
                held: BTreeMap::new(),
            },
        );

        sandbox.add_shopper(
            "demo-new",
            Shopper {
                id: "shopper_new".to_owned(),
                name: "李华".to_owned(),
                credit_score: 680,
                credit_limit: cny(8_000),
                activation: None,
                bills: Vec::new(),
                payment_methods: methods(20_000, 500, 3_000).into(),
                repayments: Vec::new(),
                held: BTreeMap::new(),
            },
        );
        sandbox.add_shopper(
            "demo-low-score",
            Shopper {
                id: "shopper_low_score".to_owned(),
                name: "张伟".to_owned(),
                credit_score: 520,
                credit_limit: cny(5_000),
                activation: activated(90),
                bills: Vec::new(),
                payment_methods: methods(5_000, 300, 0).into(),
                repayments: Vec::new(),
                held: BTreeMap::new(),
            },
        );
        let limit_user = bill(
            SeedBill {
                id: "bill_limit_in_use",
                merchant: HOME,
                order_id: "HM-7730",
                plan: PlanKind::Installments3,
                amount: 2_700,
                created_on: days(5),
            },
            &policy,
        );
        sandbox.add_shopper(
            "demo-low-limit",
            Shopper {
                id: "shopper_low_limit".to_owned(),
                name: "陈静".to_owned(),
                credit_score: 700,
                credit_limit: cny(3_000),
                activation: activated(60),
                bills: vec![limit_user],
                payment_methods: methods(8_000, 100, 1_000).into(),
                repayments: Vec::new(),
                held: BTreeMap::new(),
            },
        );
        let no_funds_bill = bill(
            SeedBill {
                id: "bill_no_funds",
                merchant: YOUXUAN,
                order_id: "YX-101777",
                plan: PlanKind::Installments6,
                amount: 4_800,
                created_on: days(20),
            },
            &policy,
        );
        sandbox.add_shopper(
            "demo-no-funds",
            Shopper {
                id: "shopper_no_funds".to_owned(),
                name: "赵敏".to_owned(),
                credit_score: 650,
                credit_limit: cny(10_000),
                activation: activated(30),
                bills: vec![no_funds_bill],
                payment_methods: methods(500, 120, 80).into(),
                repayments: Vec::new(),
                held: BTreeMap::new(),
            },
        );
        let long_overdue = bill(
            SeedBill {
                id: "bill_long_overdue",
                merchant: FRESH,
                order_id: "FR-20260808",
                plan: PlanKind::PayIn30Days,
                amount: 1_580,
                created_on: days(75),
            },
            &policy,
        );
        sandbox.add_shopper(
            "demo-overdue",
            Shopper {
                id: "shopper_overdue".to_owned(),
                name: "刘洋".to_owned(),
                credit_score: 610,
                credit_limit: cny(6_000),
                activation: activated(120),
                bills: vec![long_overdue],
                payment_methods: methods(3_000, 200, 500).into(),
                repayments: Vec::new(),
                held: BTreeMap::new(),
            },
        );
        // Shoppers whose limit is in another currency: their orders are in it too.
        for (token, id, name, score, limit, activated_days) in [
            ("demo-jp", "shopper_jp", "佐藤花子", 740, Money::from_minor(500_000, Currency::JPY), 45),
            ("demo-hk", "shopper_hk", "陳大文", 700, Money::from_minor(3_000_000, Currency::HKD), 80),
        ] {
            sandbox.add_shopper(
                token,
                Shopper {
                    id: id.to_owned(),
                    name: name.to_owned(),
                    credit_score: score,
                    credit_limit: limit,
                    activation: activated(activated_days),
                    bills: Vec::new(),
                    payment_methods: methods(20_000, 1_000, 5_000).into(),
                    repayments: Vec::new(),
                    held: BTreeMap::new(),
                },
            );
        }
        sandbox.seeded_on = today;
        sandbox.templates = sandbox.shoppers.clone();
        sandbox
    }
}

/// [`SCALE_TOKEN`]: 1,000 twelve-installment bills from five merchants, each repaid five times
/// on its due dates (every fourth one settled by its fifth repayment): 5,000 records.
pub(crate) fn scale_shopper(today: Date, policy: &Policy, count: usize) -> Shopper {
    let merchants = [YOUXUAN, FRESH, BOOKS, HOME, DEMO_SHOP];
    let payment_methods = methods(10_000_000, 2_000, 10_000);
    let [card, _, _] = &payment_methods;
    let mut bills = Vec::with_capacity(count);
    let mut repayments = Vec::with_capacity(count * SCALE_RECORDS_PER_BILL);
    for (i, &merchant) in (0..count).zip(merchants.iter().cycle()) {
        // Ordered between six and seven months ago, so that five installments have fallen due.
        let mut created_on = today - Duration::days(1 + (i % 25) as i64);
        for _ in 0..6 {
            created_on = month_before(created_on);
        }
        let id = format!("bill_scale_{i:04}");
        let order_id = format!("SC-{:05}", 10_000 + i);
        let amount = 600 + ((i * 37) % 40) as i64 * 100;
        let mut record = bill(
            SeedBill { id: &id, merchant, order_id: &order_id, plan: PlanKind::Installments12, amount, created_on },
            policy,
        );
        for n in 0..SCALE_RECORDS_PER_BILL {
            let Some(due) = record.installments.get(n).map(|i| i.due_date) else { break };
            let scope = if i % 4 == 0 && n + 1 == SCALE_RECORDS_PER_BILL {
                QuoteScope::Settle
            } else {
                QuoteScope::NextInstallment
            };
            let receipt = u32::try_from(i * SCALE_RECORDS_PER_BILL + n).unwrap_or(u32::MAX);
            if let Some(mut r) = repay(&mut record, scope, due, receipt, card, policy) {
                r.id = format!("rp_scale_{receipt:05}");
                r.quote_id = format!("qt_scale_{receipt:05}").into();
                repayments.push(r);
            }
        }
        bills.push(record);
    }
    repayments.sort_by_key(|r| r.paid_at);
    Shopper {
        id: "shopper_scale".to_owned(),
        name: "赵大规".to_owned(),
        credit_score: 800,
        credit_limit: cny(10_000_000),
        activation: Some(Activation {
            agreement_version: AGREEMENT_VERSION.to_owned(),
            accepted_at: at(today - Duration::days(400), 9),
        }),
        bills,
        payment_methods: payment_methods.into(),
        repayments,
        held: BTreeMap::new(),
    }
}

/// The same day one month earlier (clamped to the month's end), so that a monthly plan ordered
/// then falls due on `date` or, after a month end, just before it.
fn month_before(date: Date) -> Date {
    let earlier = date.replace_day(1).ok().and_then(|d| d.previous_day()).unwrap_or(date);
    earlier.replace_day(date.day().min(earlier.day())).unwrap_or(earlier)
}

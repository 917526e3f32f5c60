//! Examples of every schema, built from the Rust types with the crate's real functions, and the
//! sandbox's answers in the story (`story`): what the other modules validate and mutate.

use std::fmt::Debug;
use std::sync::OnceLock;

use paylater_core::api::{
    Activation, ActivationRequest, ActivationState, Agreement, Bill, BillList, BillRefund, BillStatus,
    CreateOrderRequest, CreditBand, CreditLimit, Eligibility, EligibilityRequest, PaymentMethodList, PlanKind, Problem,
    Profile, Quote, QuoteRequest, QuoteScope, RefundList, Repayment, RepaymentList, RepaymentRequest, RepaymentResult,
};
use paylater_core::{CreditSnapshot, ineligibility_reasons};
use paylater_core::{Currency, Decimal, Money};
use paylater_core::{Policy, all_schedules, schedule};
use paylater_core::{QuoteError, quote};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use time::Duration;
use time::macros::{date, datetime};

use crate::enums::{currencies, enums, error_codes, plan_kinds, quote_scopes};
use crate::scenarios::{Scenario, payment_methods, scenarios};
use crate::story::story;
use crate::{NOW, TODAY, cny, money};

/// One example: the schema it is of, what it shows, its JSON.
#[derive(Clone)]
pub struct Example {
    pub schema: &'static str,
    pub label: String,
    pub json: Value,
    /// `Err(why)` unless the JSON deserializes back into a value equal to the original.
    pub round_trip: Result<(), String>,
}

#[derive(Default)]
pub struct Examples(pub Vec<Example>);

impl Examples {
    /// Adds `value` as an example of the schema named like its Rust type.
    pub fn add<T>(&mut self, label: impl Into<String>, value: &T)
    where
        T: Serialize + DeserializeOwned + PartialEq + Debug,
    {
        let schema = short_type_name::<T>();
        let text = serde_json::to_string(value).expect("every API type serializes");
        let json: Value = serde_json::from_str(&text).expect("serde_json reads its own output");
        let round_trip = match serde_json::from_str::<T>(&text) {
            Ok(back) if back == *value => Ok(()),
            Ok(back) => Err(format!("came back different: {back:?}")),
            Err(e) => Err(format!("does not deserialize back: {e}")),
        };
        self.0.push(Example { schema, label: label.into(), json, round_trip });
    }

    /// Adds `value` as an example of `schema`, a constraint-only schema that narrows `T`'s (see
    /// [`CONSTRAINT_ONLY_SCHEMAS`]).
    fn add_as<T>(&mut self, schema: &'static str, label: impl Into<String>, value: &T)
    where
        T: Serialize + DeserializeOwned + PartialEq + Debug,
    {
        assert!(
            CONSTRAINT_ONLY_SCHEMAS.contains(&(schema, short_type_name::<T>())),
            "{schema} is not a constraint-only schema of {}",
            short_type_name::<T>()
        );
        self.add(label, value);
        if let Some(added) = self.0.last_mut() {
            added.schema = schema;
        }
    }

    /// Adds a list of `items` (`all`), its first page of `first` items with a cursor, and an empty
    /// one: `list` makes a list of items and a cursor.
    fn add_pages<T: Clone, L>(
        &mut self,
        all: &str,
        items: &[T],
        first: usize,
        list: impl Fn(Vec<T>, Option<String>) -> L,
    ) where
        L: Serialize + DeserializeOwned + PartialEq + Debug,
    {
        self.add(all, &list(items.to_vec(), None));
        self.add("a first page", &list(items[..first].to_vec(), Some(first.to_string())));
        self.add("none", &list(Vec::new(), None));
    }
}

/// `paylater_core::bill::view::Bill` → `Bill`: the schema a Rust type is described by.
pub fn short_type_name<T>() -> &'static str {
    let full = std::any::type_name::<T>();
    full.rsplit("::").next().unwrap_or(full)
}

/// Schemas that are not named after a Rust type: each narrows the schema of a Rust type (the
/// second name) for requests, so a fuzzer generates only values the sandbox takes. Their examples
/// are values of that type; every other schema is named after the Rust type of its examples.
pub const CONSTRAINT_ONLY_SCHEMAS: [(&str, &str); 1] = [
    // `Money` in a request: more than zero, at most the currency's decimals (no padding zeros),
    // at most 12 digits before the point.
    ("PositiveMoney", "Money"),
];

pub fn examples() -> &'static [Example] {
    static EXAMPLES: OnceLock<Examples> = OnceLock::new();
    &EXAMPLES.get_or_init(build_examples).0
}

pub fn examples_of(schema: &str) -> impl Iterator<Item = &'static Example> + '_ {
    examples().iter().filter(move |e| e.schema == schema)
}

/// The first example of `schema` that `matches`, to mutate.
pub fn example_where(schema: &str, matches: impl Fn(&Value) -> bool) -> Value {
    examples_of(schema)
        .find(|e| matches(&e.json))
        .unwrap_or_else(|| panic!("no example of {schema} matches"))
        .json
        .clone()
}

/// The first example of `schema`, to mutate.
pub fn first_example(schema: &str) -> Value {
    example_where(schema, |_| true)
}

fn build_examples() -> Examples {
    let mut ex = Examples::default();
    // Every enum variant on its own, and each quote scope in a request.
    for e in enums() {
        (e.add_examples)(&mut ex);
    }
    for scope in quote_scopes() {
        let amount = (scope == QuoteScope::Amount).then(|| cny("123.45"));
        ex.add(format!("scope {scope:?}"), &QuoteRequest { scope, amount });
    }
    add_offers_amounts_and_schedules(&mut ex);
    add_shoppers(&mut ex);
    add_bills(&mut ex);
    // A problem for every error code.
    for code in error_codes() {
        let problem = Problem::new(code, format!("{code:?}"), format!("What happened, for {}.", code.as_str()));
        ex.add(code.as_str(), &problem);
    }
    // Orders, their events and the merchant's side, from the sandbox itself.
    ex.0.extend(story().examples.0.iter().cloned());
    // Amounts a request may carry: in every currency, the smallest, a usual and the largest.
    for c in currencies() {
        let largest = if c.minor_digits() == 2 { 99_999_999_999_999 } else { 999_999_999_999 };
        for units in [1, 129_900, largest] {
            ex.add_as("PositiveMoney", format!("{units} minor units of {c}"), &Money::from_minor(units, c));
        }
    }
    ex.add_as("PositiveMoney", "one decimal", &cny("0.5"));
    ex
}

/// The offer and amounts in every currency, and schedules of every plan.
fn add_offers_amounts_and_schedules(ex: &mut Examples) {
    let policy = Policy::default();
    // The offer in every currency, and one of its plans on its own.
    for c in currencies() {
        let amount = Money::from_minor(129_900, c);
        let offer = paylater_core::api::offer("M-DEMO-SHOP".into(), amount, date!(2026 - 11 - 23), &policy).unwrap();
        ex.add(format!("the offer of {c} 129900 minor units"), &offer);
        ex.add(format!("{c} plan of an offer"), &offer.plans[1]);
    }
    let free = Policy { fee_rate_installments_3: Decimal::ZERO, ..policy.clone() };
    let interest_free = paylater_core::api::offer("M".into(), cny("300.00"), date!(2026 - 01 - 31), &free).unwrap();
    ex.add("an interest-free plan", &interest_free);

    // Money in every currency: an amount, zero, a negative amount.
    for c in currencies() {
        ex.add(format!("{c} amount"), &Money::from_minor(129_900, c));
        ex.add(format!("{c} zero"), &Money::zero(c));
        ex.add(format!("{c} negative"), &Money::from_minor(-310, c));
    }

    // Schedules of every plan, and one in yen from a month end.
    let mut schedules = all_schedules(cny("1299.00"), TODAY, &policy).expect("schedules");
    let yen = money("10000", Currency::JPY);
    schedules.push(schedule(PlanKind::Installments3, yen, date!(2026 - 01 - 31), &policy).expect("a schedule"));
    for s in &schedules {
        ex.add(format!("{:?} {}", s.plan, s.principal), s);
        for i in &s.installments {
            ex.add(format!("{:?} #{}", s.plan, i.number), i);
        }
    }
}

/// The shopper: profiles, the agreement, eligibility decided by the real rules, orders, methods.
fn add_shoppers(ex: &mut Examples) {
    let policy = Policy::default();
    let credit_limit = CreditLimit { total: cny("20000.00"), available: cny("14201.00") };
    ex.add("partly used", &credit_limit);
    let yen = money("500000", Currency::JPY);
    ex.add("unused, yen", &CreditLimit { total: yen, available: yen });
    // One profile per credit band, activated or not.
    let activated = ActivationState::Activated;
    let not_activated = ActivationState::NotActivated;
    for (score, activation) in
        [(350, not_activated), (580, activated), (620, activated), (680, not_activated), (950, activated)]
    {
        let profile = Profile {
            shopper_id: format!("shp_{score}"),
            masked_name: "*明".into(),
            credit_score: score,
            credit_band: CreditBand::of(score).expect("a score on the scale"),
            activation,
            agreement_version: (activation == activated).then(|| "2026-01".to_owned()),
            credit_limit: credit_limit.clone(),
        };
        ex.add(format!("score {score}"), &profile);
    }
    let agreement = Agreement {
        version: "2026-01".into(),
        title: "先享后付服务协议".into(),
        text: "第一条 服务内容\n先享后付……\n\nArticle 2. Fees\nPlan fees are shown before you confirm.".into(),
        late_interest_daily_rate: Decimal::new(5, 4),
    };
    ex.add("current", &agreement);
    ex.add("current version", &ActivationRequest { agreement_version: "2026-01".into() });
    ex.add("Beijing time", &Activation { agreement_version: "2026-01".into(), accepted_at: NOW });
    let utc = datetime!(2026-11-23 02:15:00.123 UTC);
    ex.add("UTC with milliseconds", &Activation { agreement_version: "2026-01".into(), accepted_at: utc });

    // Eligibility, decided by the real rules: eligible, and each reason, and several at once.
    let order_amount = cny("1299.00");
    let request = EligibilityRequest {
        merchant_id: "mch_1001".into(),
        order_id: "ord_20261123_0001".into(),
        amount: order_amount,
    };
    let dollars = money("19.99", Currency::USD);
    ex.add("CNY", &request);
    ex.add("USD", &EligibilityRequest { amount: dollars, ..request.clone() });
    // What is decided: score, available limit, longest overdue days, amount, activation required.
    let decisions = [
        ("eligible", 720, "14201.00", 0, order_amount, false),
        ("eligible, activation required", 640, "5000.00", 0, order_amount, true),
        ("score too low", 549, "5000.00", 0, order_amount, false),
        ("limit too low", 720, "1000.00", 0, order_amount, false),
        ("seriously overdue", 720, "14201.00", 44, order_amount, false),
        ("currency not supported", 720, "14201.00", 0, dollars, false),
        ("several reasons", 400, "100.00", 45, order_amount, true),
    ];
    for (label, score, limit, overdue, amount, activation_required) in decisions {
        let shopper =
            CreditSnapshot { credit_score: score, available_limit: cny(limit), longest_overdue_days: overdue };
        let reasons = ineligibility_reasons(&shopper, &amount, &policy);
        let eligible = reasons.is_empty();
        let plans = if eligible { all_schedules(amount, TODAY, &policy).expect("schedules") } else { Vec::new() };
        let available_limit = shopper.available_limit;
        ex.add(label, &Eligibility { eligible, reasons, activation_required, available_limit, plans });
    }
    for plan in plan_kinds() {
        let order = CreateOrderRequest {
            merchant_id: "mch_1001".into(),
            order_id: "ord_20261123_0001".into(),
            amount: order_amount,
            plan,
        };
        ex.add(format!("{plan:?}"), &order);
    }

    // Payment methods: bank cards with last4, the balance and the fund without.
    let methods = payment_methods();
    for m in &methods {
        ex.add(m.id.to_string(), m);
    }
    ex.add("all kinds", &PaymentMethodList { payment_methods: methods });
    ex.add("none", &PaymentMethodList { payment_methods: Vec::new() });
}

/// Bills in every state, their installments, what is due next, quotes, repayments and refunds.
fn add_bills(ex: &mut Examples) {
    let policy = Policy::default();
    let scenarios = scenarios();
    let bills: Vec<Bill> = scenarios.iter().map(|s| s.view(TODAY)).collect();
    for b in &bills {
        ex.add(format!("{} ({:?})", b.id, b.status), b);
        for i in &b.installments {
            ex.add(format!("{} #{} ({:?})", b.id, i.number, i.status), i);
        }
        if let Some(next) = &b.next_due {
            ex.add(b.id.to_string(), next);
        }
    }
    let closed = |b: &&Bill| matches!(b.status, BillStatus::Settled | BillStatus::Refunded);
    let open: Vec<Bill> = bills.iter().filter(|b| !closed(b)).cloned().collect();
    let settled: Vec<Bill> = bills.iter().filter(closed).cloned().collect();
    ex.add("open", &BillList { bills: open, next_cursor: None });
    ex.add("settled", &BillList { bills: settled, next_cursor: None });
    ex.add_pages("all", &bills, 2, |bills, next_cursor| BillList { bills, next_cursor });

    // A quote of every bill with something to repay, in each scope.
    let ttl = Duration::seconds(policy.quote_ttl_seconds.into());
    let mut quotes = Vec::new();
    for s in &scenarios {
        for scope in quote_scopes() {
            // Another amount: ¥123.45, or all that settles the bill when that is less.
            let settle = quote(&s.record, QuoteScope::Settle, None, TODAY, &policy).map(|q| q.breakdown.total);
            let amount = match settle {
                Ok(all) if scope == QuoteScope::Amount => {
                    let some = Money::from_minor(12_345, all.currency());
                    Some(if all.amount() < some.amount() { all } else { some })
                }
                _ => None,
            };
            match quote(&s.record, scope, amount, TODAY, &policy) {
                Ok(priced) => {
                    let breakdown = priced.breakdown.clone();
                    ex.add(format!("{} {scope:?}", s.record.id), &breakdown);
                    for line in &priced.lines {
                        ex.add(format!("{} {scope:?} #{}", s.record.id, line.installment), line);
                    }
                    quotes.push(Quote {
                        id: format!("qt_{}_{}", s.record.id, quotes.len() + 1).into(),
                        bill_id: s.record.id.clone(),
                        scope,
                        breakdown,
                        lines: priced.lines,
                        created_at: NOW,
                        expires_at: NOW + ttl,
                    });
                }
                Err(QuoteError::NothingToRepay) => {
                    assert!(s.record.is_settled(), "{} has something to repay", s.record.id)
                }
                Err(e) => panic!("quote of {}: {e}", s.record.id),
            }
        }
    }
    for q in &quotes {
        ex.add(q.id.to_string(), q);
    }

    // Repayments made while building the bills, and one paid now, settling the on-schedule bill.
    let mut results: Vec<RepaymentResult> = scenarios.iter().flat_map(|s| s.results.iter().cloned()).collect();
    let fund = &payment_methods()[3];
    let now =
        Scenario { record: scenarios[0].record.clone(), results: Vec::new() }.repay(QuoteScope::Settle, NOW, fund);
    results.extend(now.results);
    for r in &results {
        let id = r.repayment.id.clone();
        let quote_id = format!("qt_{id}").into();
        ex.add(id.clone(), &r.repayment);
        ex.add(id.clone(), r);
        ex.add(id, &RepaymentRequest { quote_id, payment_method_id: r.repayment.payment_method_id.clone() });
    }
    let mut newest_first: Vec<Repayment> = results.iter().map(|r| r.repayment.clone()).collect();
    newest_first.sort_by_key(|r| std::cmp::Reverse(r.paid_at));
    let of_one_bill = newest_first.iter().filter(|r| r.bill_id == "bill_overdue").cloned().collect();
    ex.add("bill_id=bill_overdue", &RepaymentList { repayments: of_one_bill, next_cursor: None });
    ex.add_pages("all, newest first", &newest_first, 1, |repayments, next_cursor| RepaymentList {
        repayments,
        next_cursor,
    });

    // The merchants' refunds of the bills above, as the shopper's records list them.
    let mut refunds: Vec<BillRefund> = bills.iter().flat_map(|b| b.refunds.iter().cloned()).collect();
    for r in &refunds {
        ex.add(r.id.clone(), r);
        for back in &r.paid_back_to {
            ex.add(format!("{} to {}", r.id, back.payment_method_id), back);
        }
    }
    refunds.sort_by_key(|r| std::cmp::Reverse(r.refunded_at));
    ex.add_pages("all, newest first", &refunds, 1, |refunds, next_cursor| RefundList { refunds, next_cursor });
}

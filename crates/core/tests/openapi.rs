//! Keeps `openapi/openapi.yaml` true to the API's Rust types.
//!
//! Every schema under `components/schemas` is named after a Rust type. Examples are built from
//! those types with the crate's real functions (schedules, bill views, quotes, repayments),
//! serialized with serde and validated against the document (JSON Schema 2020-12, formats
//! checked), and each comes back through serde unchanged. Mutated examples (an extra field, a
//! missing field, a float amount, an unknown enum value, a malformed date, ...) must be refused,
//! so a field added, renamed or retyped on one side alone fails here. The paths are checked against
//! the list of calls, their error responses against `ErrorCode::http_status`, and every `$ref`
//! against the document.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;
use std::sync::OnceLock;

use jsonschema::Validator;
use paylater_core::api::{
    Activation, ActivationRequest, ActivationState, Agreement, Bill, BillFilter, BillList, BillStatus,
    CreateOrderRequest, CreditBand, CreditLimit, Eligibility, EligibilityRequest, ErrorCode, IneligibleReason,
    InstallmentStatus, PageRequest, PaymentMethod, PaymentMethodKind, PaymentMethodList, PlanKind, Problem, Profile,
    Quote, QuoteRequest, QuoteScope, Repayment, RepaymentList, RepaymentRequest, RepaymentResult,
};
use paylater_core::bill::{BillRecord, QuoteError, apply_repayment, bill_view, quote};
use paylater_core::dates::iso_date;
use paylater_core::eligibility::{CreditSnapshot, ineligibility_reasons};
use paylater_core::plan::{Policy, all_schedules, schedule};
use paylater_core::{Currency, Decimal, Money};
use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};
use time::macros::{date, datetime};
use time::{Date, Duration, OffsetDateTime};

/// The contract, compiled into the test so that editing it rebuilds the test.
const DOCUMENT: &str = include_str!("../../../openapi/openapi.yaml");
const SCHEMA_PREFIX: &str = "#/components/schemas/";

/// "Today" of the examples, and "now" on that day in Beijing.
const TODAY: Date = date!(2026 - 11 - 23);
const NOW: OffsetDateTime = datetime!(2026-11-23 10:15:00 +08:00);

// ---------------------------------------------------------------------------------------------
// The document and its validators
// ---------------------------------------------------------------------------------------------

fn document() -> &'static Value {
    static PARSED: OnceLock<Value> = OnceLock::new();
    PARSED.get_or_init(|| {
        serde_yaml::from_str(DOCUMENT).unwrap_or_else(|e| panic!("openapi/openapi.yaml does not parse: {e}"))
    })
}

fn schemas() -> &'static Map<String, Value> {
    document()["components"]["schemas"].as_object().expect("components/schemas is a map")
}

/// One validator per schema name: the whole document with a root `$ref` to the schema, so that
/// every `$ref` resolves inside the document (OpenAPI's own keywords are unknown to JSON Schema
/// and ignored). Formats (`date`, `date-time`, `uri`) are checked, not just annotated.
fn validators() -> &'static BTreeMap<String, Validator> {
    static VALIDATORS: OnceLock<BTreeMap<String, Validator>> = OnceLock::new();
    VALIDATORS.get_or_init(|| {
        schemas()
            .keys()
            .map(|name| {
                let mut root = document().clone();
                root.as_object_mut()
                    .expect("the document is a map")
                    .insert("$ref".to_owned(), Value::String(format!("{SCHEMA_PREFIX}{name}")));
                let validator = jsonschema::draft202012::options()
                    .should_validate_formats(true)
                    .build(&root)
                    .unwrap_or_else(|e| panic!("schema {name} does not compile: {e}"));
                (name.clone(), validator)
            })
            .collect()
    })
}

/// Why `instance` does not validate against the schema `name`, one line per error.
fn errors(name: &str, instance: &Value) -> Vec<String> {
    let validator =
        validators().get(name).unwrap_or_else(|| panic!("there is no schema {name:?} under components/schemas"));
    validator.iter_errors(instance).map(|e| format!("at {:?}: {e}", e.instance_path().to_string())).collect()
}

fn is_valid(name: &str, instance: &Value) -> bool {
    errors(name, instance).is_empty()
}

/// Every `$ref` in `value`, with the JSON pointer of the object holding it.
fn refs(value: &Value, location: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                if key == "$ref" {
                    if let Value::String(target) = child {
                        out.push((location.to_owned(), target.clone()));
                    }
                } else {
                    let escaped = key.replace('~', "~0").replace('/', "~1");
                    refs(child, &format!("{location}/{escaped}"), out);
                }
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                refs(child, &format!("{location}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// `value`, or the object its `$ref` points to (one level, as OpenAPI components are used).
fn resolve(value: &Value) -> &Value {
    match value.get("$ref").and_then(Value::as_str) {
        Some(target) => {
            let pointer = target.strip_prefix('#').unwrap_or_else(|| panic!("{target} is not a local $ref"));
            document().pointer(pointer).unwrap_or_else(|| panic!("{target} does not resolve"))
        }
        None => value,
    }
}

/// The schema name a `{"$ref": "#/components/schemas/N"}` names.
fn schema_ref(schema: &Value) -> Option<&str> {
    schema.get("$ref")?.as_str()?.strip_prefix(SCHEMA_PREFIX)
}

// ---------------------------------------------------------------------------------------------
// Enums: every variant, kept exhaustive by the compiler
// ---------------------------------------------------------------------------------------------

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

fn currencies() -> [Currency; 6] {
    variants!(Currency: CNY, HKD, USD, EUR, JPY, KRW)
}
fn plan_kinds() -> [PlanKind; 4] {
    variants!(PlanKind: PayIn30Days, Installments3, Installments6, Installments12)
}
fn activation_states() -> [ActivationState; 2] {
    variants!(ActivationState: NotActivated, Activated)
}
fn credit_bands() -> [CreditBand; 5] {
    variants!(CreditBand: Poor, Fair, Good, VeryGood, Excellent)
}
fn ineligible_reasons() -> [IneligibleReason; 4] {
    variants!(IneligibleReason: ScoreTooLow, LimitTooLow, SeriouslyOverdue, CurrencyNotSupported)
}
fn bill_filters() -> [BillFilter; 3] {
    variants!(BillFilter: Open, Settled, All)
}
fn bill_statuses() -> [BillStatus; 4] {
    variants!(BillStatus: Overdue, DueSoon, OnSchedule, Settled)
}
fn installment_statuses() -> [InstallmentStatus; 4] {
    variants!(InstallmentStatus: Paid, Overdue, Due, Upcoming)
}
fn quote_scopes() -> [QuoteScope; 2] {
    variants!(QuoteScope: NextInstallment, Settle)
}
fn payment_method_kinds() -> [PaymentMethodKind; 3] {
    variants!(PaymentMethodKind: BankCard, Balance, MoneyMarketFund)
}
fn error_codes() -> [ErrorCode; 11] {
    variants!(ErrorCode: NotEligible, LimitExceeded, AgreementRequired, InsufficientFunds, QuoteExpired,
        NothingToRepay, IdempotencyConflict, InvalidRequest, Unauthorized, NotFound, Internal)
}

/// `paylater_core::bill::Bill` → `Bill`: the schema a Rust type is described by.
fn short_type_name<T>() -> &'static str {
    let full = std::any::type_name::<T>();
    full.rsplit("::").next().unwrap_or(full)
}

fn wire<T: Serialize>(values: &[T]) -> Vec<Value> {
    values.iter().map(|v| serde_json::to_value(v).expect("an enum serializes")).collect()
}

fn rust_accepts<T: DeserializeOwned>(value: &Value) -> bool {
    serde_json::from_value::<T>(value.clone()).is_ok()
}

/// Whether serde reads a JSON value as the Rust type.
type RustAccepts = fn(&Value) -> bool;

/// An enum's schema name, the serde wire names of its variants, and serde's verdict on a value.
fn enum_schema<T: Serialize + DeserializeOwned>(variants: &[T]) -> (&'static str, Vec<Value>, RustAccepts) {
    (short_type_name::<T>(), wire(variants), rust_accepts::<T>)
}

/// Every enum schema.
fn enums() -> Vec<(&'static str, Vec<Value>, RustAccepts)> {
    vec![
        enum_schema(&currencies()),
        enum_schema(&plan_kinds()),
        ("ActivationState", wire(&activation_states()), rust_accepts::<ActivationState>),
        ("CreditBand", wire(&credit_bands()), rust_accepts::<CreditBand>),
        ("IneligibleReason", wire(&ineligible_reasons()), rust_accepts::<IneligibleReason>),
        ("BillFilter", wire(&bill_filters()), rust_accepts::<BillFilter>),
        ("BillStatus", wire(&bill_statuses()), rust_accepts::<BillStatus>),
        ("InstallmentStatus", wire(&installment_statuses()), rust_accepts::<InstallmentStatus>),
        ("QuoteScope", wire(&quote_scopes()), rust_accepts::<QuoteScope>),
        ("PaymentMethodKind", wire(&payment_method_kinds()), rust_accepts::<PaymentMethodKind>),
        enum_schema(&error_codes()),
    ]
}

// ---------------------------------------------------------------------------------------------
// Examples built from the Rust types
// ---------------------------------------------------------------------------------------------

struct Example {
    schema: &'static str,
    label: String,
    json: Value,
    /// `Err(why)` unless the JSON deserializes back into a value equal to the original.
    round_trip: Result<(), String>,
}

#[derive(Default)]
struct Examples(Vec<Example>);

impl Examples {
    /// Adds `value` as an example of the schema named like its Rust type.
    fn add<T>(&mut self, label: impl Into<String>, value: &T)
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
}

fn money(amount: &str, currency: Currency) -> Money {
    Money::parse(amount, currency).expect("a valid amount")
}

fn cny(amount: &str) -> Money {
    money(amount, Currency::CNY)
}

fn payment_methods() -> Vec<PaymentMethod> {
    vec![
        PaymentMethod {
            id: "pm_card_cmb".into(),
            kind: PaymentMethodKind::BankCard,
            label: "招商银行储蓄卡".into(),
            last4: Some("4321".into()),
            available: cny("50000.00"),
        },
        PaymentMethod {
            id: "pm_card_icbc".into(),
            kind: PaymentMethodKind::BankCard,
            label: "工商银行信用卡".into(),
            last4: Some("0088".into()),
            available: cny("0.00"),
        },
        PaymentMethod {
            id: "pm_balance".into(),
            kind: PaymentMethodKind::Balance,
            label: "账户余额".into(),
            last4: None,
            available: cny("86.40"),
        },
        PaymentMethod {
            id: "pm_mmf".into(),
            kind: PaymentMethodKind::MoneyMarketFund,
            label: "余额宝".into(),
            last4: None,
            available: cny("12000.00"),
        },
    ]
}

/// A bill as the provider stores it, its repayments so far (oldest first) and the result each
/// repayment answered.
struct Scenario {
    record: BillRecord,
    results: Vec<RepaymentResult>,
}

impl Scenario {
    fn new(id: &str, plan: PlanKind, principal: Money, ordered: Date) -> Scenario {
        let s = schedule(plan, principal, ordered, &Policy::default()).expect("a schedule");
        let record = BillRecord::from_schedule(
            id.into(),
            "mch_1001".into(),
            "云杉数码旗舰店".into(),
            format!("ord_{id}"),
            ordered,
            &s,
        );
        Scenario { record, results: Vec::new() }
    }

    /// Repays as the API does: quote on the day, apply the quote, record the repayment.
    fn repay(mut self, scope: QuoteScope, paid_at: OffsetDateTime, method: &PaymentMethod) -> Scenario {
        let policy = Policy::default();
        let day = paid_at.date();
        let breakdown = quote(&self.record, scope, day, &policy).expect("something to repay");
        apply_repayment(&mut self.record, scope, &breakdown, day, &policy).expect("the repayment applies");
        let n = self.results.len() + 1;
        let repayment = Repayment {
            id: format!("rp_{}_{n}", self.record.id),
            receipt_number: format!("PL{}{n:04}", iso_date::format(day).replace('-', "")),
            bill_id: self.record.id.clone(),
            merchant_name: self.record.merchant_name.clone(),
            order_id: self.record.order_id.clone(),
            quote_id: format!("qt_{}_{n}", self.record.id),
            scope,
            amount: breakdown.total,
            breakdown,
            payment_method_id: method.id.clone(),
            payment_method_kind: method.kind,
            payment_method_label: method.label.clone(),
            paid_at,
        };
        let bill = bill_view(&self.record, day, &policy).expect("a bill view");
        self.results.push(RepaymentResult { repayment, bill });
        self
    }

    fn view(&self, today: Date) -> Bill {
        bill_view(&self.record, today, &Policy::default()).expect("a bill view")
    }
}

/// Bills in every state on [`TODAY`], in several currencies.
fn scenarios() -> Vec<Scenario> {
    let [card, _empty_card, balance, fund] = <[PaymentMethod; 4]>::try_from(payment_methods()).expect("four methods");
    vec![
        // Ordered yesterday: every installment ahead, the first due in a month.
        Scenario::new("bill_on_schedule", PlanKind::Installments6, cny("1299.00"), date!(2026 - 11 - 22)),
        // Two installments repaid (one early, one on its due date), the last due in two days.
        Scenario::new("bill_due_soon", PlanKind::Installments3, cny("3000.00"), date!(2026 - 08 - 25))
            .repay(QuoteScope::NextInstallment, datetime!(2026-09-20 09:30:00 +08:00), &card)
            .repay(QuoteScope::NextInstallment, datetime!(2026-10-25 20:05:12 +08:00), &balance),
        // Three installments repaid (the second five days late, with late interest), two overdue.
        Scenario::new("bill_overdue", PlanKind::Installments12, cny("5999.00"), date!(2026 - 06 - 10))
            .repay(QuoteScope::NextInstallment, datetime!(2026-07-10 08:00:00 +08:00), &card)
            .repay(QuoteScope::NextInstallment, datetime!(2026-08-15 12:00:00 +08:00), &fund)
            .repay(QuoteScope::NextInstallment, datetime!(2026-09-10 08:00:00 +08:00), &card),
        // Two installments repaid, then settled early: the fees of the four not yet due are waived.
        Scenario::new("bill_settled_early", PlanKind::Installments6, cny("1299.00"), date!(2026 - 09 - 15))
            .repay(QuoteScope::NextInstallment, datetime!(2026-10-15 10:00:00 +08:00), &card)
            .repay(QuoteScope::NextInstallment, datetime!(2026-11-15 10:00:00 +08:00), &card)
            .repay(QuoteScope::Settle, datetime!(2026-11-20 21:45:30.25 +08:00), &fund),
        // Paid in full ten days late, with late interest, in US dollars (time in UTC).
        Scenario::new("bill_settled_late", PlanKind::PayIn30Days, money("49.99", Currency::USD), date!(2026 - 09 - 01))
            .repay(QuoteScope::Settle, datetime!(2026-10-11 03:00:00 UTC), &card),
        // Whole yen, due in a month.
        Scenario::new("bill_jpy", PlanKind::PayIn30Days, money("12800", Currency::JPY), date!(2026 - 11 - 20)),
        // Ordered on a month end (due dates clamped), one installment paid, the other two overdue.
        Scenario::new("bill_krw", PlanKind::Installments3, money("1500000", Currency::KRW), date!(2026 - 07 - 31))
            .repay(QuoteScope::NextInstallment, datetime!(2026-08-31 18:00:00 +09:00), &card),
        // The first installment falls due today: due, not overdue.
        Scenario::new("bill_due_today", PlanKind::Installments3, money("100.20", Currency::EUR), date!(2026 - 10 - 23)),
    ]
}

fn build_examples() -> Examples {
    let policy = Policy::default();
    let mut ex = Examples::default();

    // Every enum variant on its own.
    for v in currencies() {
        ex.add(format!("{v:?}"), &v);
    }
    for v in plan_kinds() {
        ex.add(format!("{v:?}"), &v);
    }
    for v in activation_states() {
        ex.add(format!("{v:?}"), &v);
    }
    for v in credit_bands() {
        ex.add(format!("{v:?}"), &v);
    }
    for v in ineligible_reasons() {
        ex.add(format!("{v:?}"), &v);
    }
    for v in bill_filters() {
        ex.add(format!("{v:?}"), &v);
    }
    for v in bill_statuses() {
        ex.add(format!("{v:?}"), &v);
    }
    for v in installment_statuses() {
        ex.add(format!("{v:?}"), &v);
    }
    for v in quote_scopes() {
        ex.add(format!("{v:?}"), &v);
        ex.add(format!("scope {v:?}"), &QuoteRequest { scope: v });
    }
    for v in payment_method_kinds() {
        ex.add(format!("{v:?}"), &v);
    }
    for v in error_codes() {
        ex.add(format!("{v:?}"), &v);
    }

    // Money in every currency: an amount, zero, a negative amount.
    for c in currencies() {
        ex.add(format!("{c} amount"), &Money::from_minor(129_900, c));
        ex.add(format!("{c} zero"), &Money::zero(c));
        ex.add(format!("{c} negative"), &Money::from_minor(-310, c));
    }

    // Schedules of every plan, and one in yen from a month end.
    let order_amount = cny("1299.00");
    let mut schedules = all_schedules(order_amount, TODAY, &policy).expect("schedules");
    schedules.push(
        schedule(PlanKind::Installments3, money("10000", Currency::JPY), date!(2026 - 01 - 31), &policy)
            .expect("a schedule"),
    );
    for s in &schedules {
        ex.add(format!("{:?} {}", s.plan, s.principal), s);
        for i in &s.installments {
            ex.add(format!("{:?} #{}", s.plan, i.number), i);
        }
    }

    // The shopper: one profile per credit band, activated or not.
    let credit_limit = CreditLimit { total: cny("20000.00"), available: cny("14201.00") };
    ex.add("partly used", &credit_limit);
    ex.add(
        "unused, yen",
        &CreditLimit { total: money("500000", Currency::JPY), available: money("500000", Currency::JPY) },
    );
    for (score, activation) in [
        (350, ActivationState::NotActivated),
        (580, ActivationState::Activated),
        (620, ActivationState::Activated),
        (680, ActivationState::NotActivated),
        (950, ActivationState::Activated),
    ] {
        let profile = Profile {
            shopper_id: format!("shp_{score}"),
            masked_name: "*明".into(),
            credit_score: score,
            credit_band: CreditBand::of(score).expect("a score on the scale"),
            activation,
            agreement_version: (activation == ActivationState::Activated).then(|| "2026-01".to_owned()),
            credit_limit: credit_limit.clone(),
        };
        ex.add(format!("score {score}"), &profile);
    }
    ex.add(
        "current",
        &Agreement {
            version: "2026-01".into(),
            title: "先享后付服务协议".into(),
            text: "第一条 服务内容\n先享后付……\n\nArticle 2. Fees\nPlan fees are shown before you confirm.".into(),
        },
    );
    ex.add("current version", &ActivationRequest { agreement_version: "2026-01".into() });
    ex.add("Beijing time", &Activation { agreement_version: "2026-01".into(), accepted_at: NOW });
    ex.add(
        "UTC with milliseconds",
        &Activation { agreement_version: "2026-01".into(), accepted_at: datetime!(2026-11-23 02:15:00.123 UTC) },
    );

    // Eligibility, decided by the real rules: eligible, and each reason, and several at once.
    let request = EligibilityRequest {
        merchant_id: "mch_1001".into(),
        order_id: "ord_20261123_0001".into(),
        amount: order_amount,
    };
    ex.add("CNY", &request);
    ex.add("USD", &EligibilityRequest { amount: money("19.99", Currency::USD), ..request.clone() });
    let decide = |score: u16, limit: &str, overdue: u32, amount: Money, activation_required: bool| {
        let shopper =
            CreditSnapshot { credit_score: score, available_limit: cny(limit), longest_overdue_days: overdue };
        let reasons = ineligibility_reasons(&shopper, &amount, &policy);
        let eligible = reasons.is_empty();
        Eligibility {
            eligible,
            reasons,
            activation_required,
            available_limit: shopper.available_limit,
            plans: if eligible { all_schedules(amount, TODAY, &policy).expect("schedules") } else { Vec::new() },
        }
    };
    let decisions = [
        ("eligible", decide(720, "14201.00", 0, order_amount, false)),
        ("eligible, activation required", decide(640, "5000.00", 0, order_amount, true)),
        ("score too low", decide(549, "5000.00", 0, order_amount, false)),
        ("limit too low", decide(720, "1000.00", 0, order_amount, false)),
        ("seriously overdue", decide(720, "14201.00", 44, order_amount, false)),
        ("currency not supported", decide(720, "14201.00", 0, money("19.99", Currency::USD), false)),
        ("several reasons", decide(400, "100.00", 45, order_amount, true)),
    ];
    for (label, decision) in &decisions {
        ex.add(*label, decision);
    }
    for plan in plan_kinds() {
        ex.add(
            format!("{plan:?}"),
            &CreateOrderRequest {
                merchant_id: "mch_1001".into(),
                order_id: "ord_20261123_0001".into(),
                amount: order_amount,
                plan,
            },
        );
    }

    // Payment methods: bank cards with last4, the balance and the fund without.
    let methods = payment_methods();
    for m in &methods {
        ex.add(m.id.clone(), m);
    }
    ex.add("all kinds", &PaymentMethodList { payment_methods: methods.clone() });
    ex.add("none", &PaymentMethodList { payment_methods: Vec::new() });

    // Bills in every state, their installments, what is due next, quotes and repayments.
    let scenarios = scenarios();
    let bills: Vec<Bill> = scenarios.iter().map(|s| s.view(TODAY)).collect();
    for b in &bills {
        ex.add(format!("{} ({:?})", b.id, b.status), b);
        for i in &b.installments {
            ex.add(format!("{} #{} ({:?})", b.id, i.number, i.status), i);
        }
        if let Some(next) = &b.next_due {
            ex.add(b.id.clone(), next);
        }
    }
    let open: Vec<Bill> = bills.iter().filter(|b| b.status != BillStatus::Settled).cloned().collect();
    let settled: Vec<Bill> = bills.iter().filter(|b| b.status == BillStatus::Settled).cloned().collect();
    ex.add("open", &BillList { bills: open, next_cursor: None });
    ex.add("settled", &BillList { bills: settled, next_cursor: None });
    ex.add("all", &BillList { bills: bills.clone(), next_cursor: None });
    ex.add("a first page", &BillList { bills: bills.iter().take(2).cloned().collect(), next_cursor: Some("2".into()) });
    ex.add("none", &BillList { bills: Vec::new(), next_cursor: None });

    let ttl = Duration::seconds(policy.quote_ttl_seconds.into());
    let mut quotes = Vec::new();
    for s in &scenarios {
        for scope in quote_scopes() {
            match quote(&s.record, scope, TODAY, &policy) {
                Ok(breakdown) => {
                    ex.add(format!("{} {scope:?}", s.record.id), &breakdown);
                    quotes.push(Quote {
                        id: format!("qt_{}_{}", s.record.id, quotes.len() + 1),
                        bill_id: s.record.id.clone(),
                        scope,
                        breakdown,
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
        ex.add(q.id.clone(), q);
    }

    // Repayments made while building the bills, and one paid now, settling the on-schedule bill.
    let mut results: Vec<RepaymentResult> = scenarios.iter().flat_map(|s| s.results.iter().cloned()).collect();
    let paid_now = Scenario { record: scenarios[0].record.clone(), results: Vec::new() }.repay(
        QuoteScope::Settle,
        NOW,
        &methods[3],
    );
    results.extend(paid_now.results);
    for r in &results {
        ex.add(r.repayment.id.clone(), &r.repayment);
        ex.add(r.repayment.id.clone(), r);
        ex.add(
            r.repayment.id.clone(),
            &RepaymentRequest {
                quote_id: format!("qt_{}", r.repayment.id),
                payment_method_id: r.repayment.payment_method_id.clone(),
            },
        );
    }
    let mut newest_first: Vec<Repayment> = results.iter().map(|r| r.repayment.clone()).collect();
    newest_first.sort_by_key(|r| std::cmp::Reverse(r.paid_at));
    ex.add("all, newest first", &RepaymentList { repayments: newest_first.clone(), next_cursor: None });
    ex.add(
        "a first page",
        &RepaymentList { repayments: newest_first.iter().take(1).cloned().collect(), next_cursor: Some("1".into()) },
    );
    let of_one_bill = newest_first.iter().filter(|r| r.bill_id == "bill_overdue").cloned().collect();
    ex.add("bill_id=bill_overdue", &RepaymentList { repayments: of_one_bill, next_cursor: None });
    ex.add("none", &RepaymentList { repayments: Vec::new(), next_cursor: None });

    // A problem for every error code.
    for code in error_codes() {
        let problem = Problem::new(code, format!("{code:?}"), format!("What happened, for {}.", code.as_str()));
        ex.add(code.as_str(), &problem);
    }
    ex
}

fn examples() -> &'static [Example] {
    static EXAMPLES: OnceLock<Examples> = OnceLock::new();
    &EXAMPLES.get_or_init(build_examples).0
}

fn examples_of(schema: &str) -> impl Iterator<Item = &'static Example> + '_ {
    examples().iter().filter(move |e| e.schema == schema)
}

/// The first example of `schema` that `matches`, to mutate.
fn example_where(schema: &str, matches: impl Fn(&Value) -> bool) -> Value {
    examples_of(schema)
        .find(|e| matches(&e.json))
        .unwrap_or_else(|| panic!("no example of {schema} matches"))
        .json
        .clone()
}

fn with(mut value: Value, pointer: &str, replacement: Value) -> Value {
    match value.pointer_mut(pointer) {
        Some(target) => *target = replacement,
        None => panic!("{pointer} is not in the example"),
    }
    value
}

/// JSON pointers of every object inside `value`, itself included.
fn object_pointers(value: &Value, location: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let escaped = key.replace('~', "~0").replace('/', "~1");
                object_pointers(child, format!("{location}/{escaped}"), out);
            }
            out.push(location);
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                object_pointers(child, format!("{location}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn fail_with(failures: Vec<String>, what: &str) {
    assert!(failures.is_empty(), "{} {what}:\n{}", failures.len(), failures.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// The document itself
// ---------------------------------------------------------------------------------------------

#[test]
fn the_document_declares_openapi_3_1_with_its_info_server_and_bearer_security() {
    let doc = document();
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["info"]["title"], "Pay Later API");
    assert_eq!(doc["info"]["version"], "1.0.0");
    let description = doc["info"]["description"].as_str().expect("info.description");
    for needle in ["decimal", "RFC 3339", "YYYY-MM-DD", "RFC 9457", "problem+json", "code"] {
        assert!(description.contains(needle), "info.description does not mention {needle:?}");
    }
    assert_eq!(doc["servers"][0]["url"], "http://127.0.0.1:8787");
    let bearer = &doc["components"]["securitySchemes"]["bearer"];
    assert_eq!(bearer["type"], "http");
    assert_eq!(bearer["scheme"], "bearer");
    assert_eq!(doc["security"], json!([{ "bearer": [] }]), "bearer auth applies to every call");
}

#[test]
fn every_ref_resolves() {
    let mut found = Vec::new();
    refs(document(), "", &mut found);
    assert!(found.len() > 50, "only {} $refs found", found.len());
    let failures = found
        .iter()
        .filter(|(_, target)| target.strip_prefix('#').and_then(|p| document().pointer(p)).is_none())
        .map(|(at, target)| format!("{at}: {target}"))
        .collect();
    fail_with(failures, "$refs do not resolve");
}

#[test]
fn every_schema_is_used_by_a_path_or_another_schema() {
    let mut found = Vec::new();
    refs(document(), "", &mut found);
    let referenced: BTreeSet<&str> = found
        .iter()
        .filter_map(|(at, target)| {
            let name = target.strip_prefix(SCHEMA_PREFIX)?;
            // A schema referring to itself does not count.
            let inside_itself =
                at == &format!("/components/schemas/{name}") || at.starts_with(&format!("/components/schemas/{name}/"));
            (!inside_itself).then_some(name)
        })
        .collect();
    let unused: Vec<&String> = schemas().keys().filter(|name| !referenced.contains(name.as_str())).collect();
    assert!(unused.is_empty(), "schemas no path or other schema refers to: {unused:?}");
}

#[test]
fn object_schemas_are_closed_and_require_every_field() {
    let mut failures = Vec::new();
    for (name, schema) in schemas() {
        if schema["description"].as_str().is_none_or(str::is_empty) {
            failures.push(format!("{name} has no description"));
        }
        if schema["type"] != "object" {
            continue;
        }
        if schema["additionalProperties"] != false {
            failures.push(format!("{name} does not say additionalProperties: false"));
        }
        let properties: BTreeSet<&str> =
            schema["properties"].as_object().map(|p| p.keys().map(String::as_str).collect()).unwrap_or_default();
        let required: BTreeSet<&str> =
            schema["required"].as_array().map(|r| r.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
        if properties != required {
            failures.push(format!("{name}: properties {properties:?} but required {required:?}"));
        }
    }
    fail_with(failures, "object schemas are not closed");
}

#[test]
fn enum_schemas_list_exactly_the_serde_wire_names() {
    let mut failures = Vec::new();
    for (name, wire_names, _) in enums() {
        let listed = schemas()[name]["enum"].as_array().cloned().unwrap_or_default();
        if listed != wire_names {
            failures.push(format!("{name}: the schema lists {listed:?}, serde writes {wire_names:?}"));
        }
        if schemas()[name]["type"] != "string" {
            failures.push(format!("{name} is not type: string"));
        }
    }
    assert_eq!(ErrorCode::ALL.to_vec(), error_codes().to_vec(), "ErrorCode::ALL misses a code");
    assert_eq!(PlanKind::ALL.to_vec(), plan_kinds().to_vec(), "PlanKind::ALL misses a plan");
    assert_eq!(Currency::ALL.to_vec(), currencies().to_vec(), "Currency::ALL misses a currency");
    assert_eq!(schemas()["BillFilter"]["default"], serde_json::to_value(BillFilter::default()).unwrap());
    fail_with(failures, "enum schemas differ from the Rust enums");
}

#[test]
fn rust_decimal_rates_serialize_as_decimal_strings() {
    // rust_decimal's `serde` feature writes a Decimal as a string keeping its scale.
    assert_eq!(serde_json::to_value(Decimal::new(45, 3)).unwrap(), json!("0.045"));
    assert_eq!(serde_json::to_value(Decimal::ZERO).unwrap(), json!("0"));
    let s = schedule(PlanKind::Installments12, cny("1299.00"), TODAY, &Policy::default()).unwrap();
    assert_eq!(serde_json::to_value(&s).unwrap()["fee_rate"], json!("0.088"));
}

// ---------------------------------------------------------------------------------------------
// Paths
// ---------------------------------------------------------------------------------------------

struct Call {
    method: &'static str,
    path: &'static str,
    request: Option<&'static str>,
    status: &'static str,
    response: &'static str,
    idempotency_key: bool,
}

const fn call(
    method: &'static str,
    path: &'static str,
    request: Option<&'static str>,
    status: &'static str,
    response: &'static str,
    idempotency_key: bool,
) -> Call {
    Call { method, path, request, status, response, idempotency_key }
}

/// The contract's calls: method, path, request body, success status and body, Idempotency-Key.
const CALLS: [Call; 11] = [
    call("get", "/v1/me", None, "200", "Profile", false),
    call("get", "/v1/agreement", None, "200", "Agreement", false),
    call("post", "/v1/activation", Some("ActivationRequest"), "200", "Activation", false),
    call("post", "/v1/eligibility", Some("EligibilityRequest"), "200", "Eligibility", false),
    call("post", "/v1/orders", Some("CreateOrderRequest"), "201", "Bill", true),
    call("get", "/v1/bills", None, "200", "BillList", false),
    call("get", "/v1/bills/{bill_id}", None, "200", "Bill", false),
    call("post", "/v1/bills/{bill_id}/quotes", Some("QuoteRequest"), "201", "Quote", false),
    call("get", "/v1/payment-methods", None, "200", "PaymentMethodList", false),
    call("post", "/v1/repayments", Some("RepaymentRequest"), "201", "RepaymentResult", true),
    call("get", "/v1/repayments", None, "200", "RepaymentList", false),
];

const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

fn operations() -> Vec<(&'static str, &'static str, &'static Value)> {
    let paths = document()["paths"].as_object().expect("paths is a map");
    let mut out = Vec::new();
    for (path, item) in paths {
        for method in METHODS {
            if let Some(op) = item.get(method) {
                out.push((method, path.as_str(), op));
            }
        }
    }
    out
}

fn parameters(op: &'static Value) -> Vec<&'static Value> {
    op["parameters"].as_array().map(|ps| ps.iter().map(resolve).collect()).unwrap_or_default()
}

#[test]
fn the_paths_are_exactly_the_calls_with_their_bodies() {
    let mut failures = Vec::new();
    let documented: BTreeSet<(String, String)> =
        operations().iter().map(|(m, p, _)| (m.to_string(), p.to_string())).collect();
    let expected: BTreeSet<(String, String)> = CALLS.iter().map(|c| (c.method.to_owned(), c.path.to_owned())).collect();
    if documented != expected {
        failures.push(format!(
            "documented {:?}, expected {:?}",
            documented.difference(&expected),
            expected.difference(&documented)
        ));
    }
    let mut operation_ids = BTreeSet::new();
    for c in &CALLS {
        let at = format!("{} {}", c.method.to_uppercase(), c.path);
        let Some(op) = document()["paths"].get(c.path).and_then(|item| item.get(c.method)) else {
            continue;
        };
        match op["operationId"].as_str() {
            Some(id) if !id.is_empty() => {
                if !operation_ids.insert(id) {
                    failures.push(format!("{at}: operationId {id} is used twice"));
                }
            }
            _ => failures.push(format!("{at} has no operationId")),
        }
        if op["summary"].as_str().is_none_or(str::is_empty) {
            failures.push(format!("{at} has no summary"));
        }
        // The request body.
        let body = &op["requestBody"];
        match c.request {
            Some(name) => {
                if body["required"] != true {
                    failures.push(format!("{at}: the request body is not required"));
                }
                let schema = &body["content"]["application/json"]["schema"];
                if schema_ref(schema) != Some(name) {
                    failures.push(format!("{at}: the request body is {schema}, expected {name}"));
                }
            }
            None => {
                if !body.is_null() {
                    failures.push(format!("{at} has a request body"));
                }
            }
        }
        // The one success response.
        let responses = op["responses"].as_object().expect("responses");
        let successes: Vec<&String> = responses.keys().filter(|s| s.starts_with('2')).collect();
        if successes != [c.status] {
            failures.push(format!("{at}: success responses {successes:?}, expected [{}]", c.status));
        }
        let schema = &resolve(&op["responses"][c.status])["content"]["application/json"]["schema"];
        if schema_ref(schema) != Some(c.response) {
            failures.push(format!("{at}: the {} response is {schema}, expected {}", c.status, c.response));
        }
        // Parameters: Idempotency-Key, bill_id in the path, the query filters.
        let params = parameters(op);
        let key = params.iter().find(|p| p["name"] == "Idempotency-Key");
        match (c.idempotency_key, key) {
            (true, Some(p)) if p["in"] == "header" && p["required"] == true => {}
            (true, _) => failures.push(format!("{at}: no required Idempotency-Key header")),
            (false, Some(_)) => failures.push(format!("{at}: an unexpected Idempotency-Key")),
            (false, None) => {}
        }
        if c.path.contains("{bill_id}")
            && !params.iter().any(|p| p["name"] == "bill_id" && p["in"] == "path" && p["required"] == true)
        {
            failures.push(format!("{at}: no required bill_id path parameter"));
        }
        let query: Vec<&&Value> = params.iter().filter(|p| p["in"] == "query").collect();
        // The two lists also page: `limit` (1 to PageRequest::MAX_LIMIT, default DEFAULT_LIMIT) and
        // `cursor` (a string), both optional, after their own filter.
        let paged = |query: &[&&Value]| {
            let limit = query.iter().find(|p| p["name"] == "limit");
            let cursor = query.iter().find(|p| p["name"] == "cursor");
            limit.is_some_and(|l| {
                l["required"] != true
                    && l["schema"]["type"] == "integer"
                    && l["schema"]["minimum"] == 1
                    && l["schema"]["maximum"] == PageRequest::MAX_LIMIT
                    && l["schema"]["default"] == PageRequest::DEFAULT_LIMIT
            }) && cursor.is_some_and(|c| c["required"] != true && c["schema"]["type"] == "string")
        };
        match (c.method, c.path) {
            ("get", "/v1/bills") => {
                let status = query.iter().find(|p| p["name"] == "status");
                let ok = query.len() == 3
                    && paged(&query)
                    && status.is_some_and(|s| {
                        s["required"] != true
                            && schema_ref(&s["schema"]) == Some("BillFilter")
                            && s["schema"]["default"] == serde_json::to_value(BillFilter::default()).unwrap()
                    });
                if !ok {
                    failures.push(format!(
                        "{at}: expected optional queries `status` of BillFilter, default open, `limit` and `cursor`"
                    ));
                }
            }
            ("get", "/v1/repayments") => {
                let bill_id = query.iter().find(|p| p["name"] == "bill_id");
                let ok = query.len() == 3
                    && paged(&query)
                    && bill_id.is_some_and(|b| b["required"] != true && b["schema"]["type"] == "string");
                if !ok {
                    failures
                        .push(format!("{at}: expected optional queries `bill_id` (a string), `limit` and `cursor`"));
                }
            }
            _ => {
                if !query.is_empty() {
                    failures.push(format!("{at}: unexpected query parameters"));
                }
            }
        }
        if c.idempotency_key {
            let description = op["description"].as_str().unwrap_or_default();
            for needle in ["replay", "idempotency_conflict", "409"] {
                if !description.contains(needle) {
                    failures.push(format!("{at}: the description does not explain replays ({needle:?})"));
                }
            }
        }
    }
    fail_with(failures, "problems with the paths");
}

#[test]
fn error_responses_are_problem_json_with_the_codes_of_their_status() {
    let mut failures = Vec::new();
    let mut codes_used = BTreeSet::new();
    let mut codes_by_operation: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (method, path, op) in operations() {
        let at = format!("{} {path}", method.to_uppercase());
        let responses = op["responses"].as_object().expect("responses");
        for required in ["401", "500"] {
            if !responses.contains_key(required) {
                failures.push(format!("{at} has no {required} response"));
            }
        }
        for (status, response) in responses {
            let Ok(status_code) = status.parse::<u16>() else {
                failures.push(format!("{at}: response {status:?} is not a status code"));
                continue;
            };
            let response = resolve(response);
            if status_code < 400 {
                let types: Vec<&String> =
                    response["content"].as_object().map(|c| c.keys().collect()).unwrap_or_default();
                if types != ["application/json"] {
                    failures.push(format!("{at} {status}: content types {types:?}"));
                }
                continue;
            }
            let types: Vec<&String> = response["content"].as_object().map(|c| c.keys().collect()).unwrap_or_default();
            if types != ["application/problem+json"] {
                failures.push(format!("{at} {status}: content types {types:?}, expected application/problem+json"));
            }
            if schema_ref(&response["content"]["application/problem+json"]["schema"]) != Some("Problem") {
                failures.push(format!("{at} {status}: the schema is not Problem"));
            }
            let description = response["description"].as_str().unwrap_or_default();
            let codes = response["x-error-codes"].as_array().cloned().unwrap_or_default();
            if codes.is_empty() {
                failures.push(format!("{at} {status}: no x-error-codes"));
            }
            for code in codes {
                match serde_json::from_value::<ErrorCode>(code.clone()) {
                    Ok(c) => {
                        if c.http_status() != status_code {
                            failures.push(format!("{at} {status}: {code} is answered with {}", c.http_status()));
                        }
                        if !description.contains(&format!("`{}`", c.as_str())) {
                            failures.push(format!("{at} {status}: the description does not name `{}`", c.as_str()));
                        }
                        codes_used.insert(c.as_str());
                        codes_by_operation.entry(at.clone()).or_default().insert(c.as_str().to_owned());
                    }
                    Err(_) => failures.push(format!("{at} {status}: {code} is not an ErrorCode")),
                }
            }
        }
    }
    for code in error_codes() {
        if !codes_used.contains(code.as_str()) {
            failures.push(format!("no operation can answer {}", code.as_str()));
        }
    }
    let expect = |at: &str, codes: &[&str], failures: &mut Vec<String>| {
        let listed = codes_by_operation.get(at).cloned().unwrap_or_default();
        for code in codes {
            if !listed.contains(*code) {
                failures.push(format!("{at} does not list {code}"));
            }
        }
    };
    expect(
        "POST /v1/repayments",
        &[
            "insufficient_funds",
            "quote_expired",
            "idempotency_conflict",
            "not_found",
            "invalid_request",
            "unauthorized",
        ],
        &mut failures,
    );
    expect(
        "POST /v1/orders",
        &["not_eligible", "limit_exceeded", "agreement_required", "idempotency_conflict"],
        &mut failures,
    );
    expect("GET /v1/bills/{bill_id}", &["not_found"], &mut failures);
    expect("POST /v1/bills/{bill_id}/quotes", &["not_found", "nothing_to_repay"], &mut failures);
    fail_with(failures, "problems with the error responses");
}

#[test]
fn the_documents_own_examples_validate_and_deserialize() {
    let money = &schemas()["Money"]["example"];
    assert!(is_valid("Money", money), "{:?}", errors("Money", money));
    assert_eq!(serde_json::from_value::<Money>(money.clone()).unwrap(), cny("1299.00"));
    let problem = &schemas()["Problem"]["example"];
    assert!(is_valid("Problem", problem), "{:?}", errors("Problem", problem));
    let problem: Problem = serde_json::from_value(problem.clone()).unwrap();
    assert_eq!(problem.status, problem.code.http_status());
    assert_eq!(problem.problem_type, Problem::type_uri(problem.code));
}

// ---------------------------------------------------------------------------------------------
// Examples: valid, covering, round-tripping
// ---------------------------------------------------------------------------------------------

#[test]
fn examples_from_the_rust_types_validate_against_their_schemas() {
    let failures: Vec<String> = examples()
        .iter()
        .filter_map(|e| {
            let errs = errors(e.schema, &e.json);
            (!errs.is_empty()).then(|| format!("{} ({}): {}\n  {}", e.schema, e.label, errs.join("\n  "), e.json))
        })
        .collect();
    println!("{} examples validated", examples().len());
    fail_with(failures, "examples do not validate");
}

#[test]
fn examples_round_trip_through_json_unchanged() {
    let failures: Vec<String> = examples()
        .iter()
        .filter_map(|e| e.round_trip.as_ref().err().map(|why| format!("{} ({}): {why}", e.schema, e.label)))
        .collect();
    fail_with(failures, "examples do not round-trip");
}

#[test]
fn every_schema_is_exercised_by_an_example() {
    let exercised: BTreeSet<&str> = examples().iter().map(|e| e.schema).collect();
    let documented: BTreeSet<&str> = schemas().keys().map(String::as_str).collect();
    let missing: Vec<&&str> = documented.difference(&exercised).collect();
    let unknown: Vec<&&str> = exercised.difference(&documented).collect();
    assert!(missing.is_empty(), "schemas without an example: {missing:?}");
    assert!(unknown.is_empty(), "examples of schemas the document lacks: {unknown:?}");
}

#[test]
fn the_examples_cover_every_state() {
    let values = |schema: &str, pointer: &str| -> BTreeSet<String> {
        examples_of(schema).filter_map(|e| e.json.pointer(pointer).map(Value::to_string)).collect()
    };
    let names = |values: Vec<Value>| -> BTreeSet<String> { values.iter().map(Value::to_string).collect() };
    assert_eq!(values("Bill", "/status"), names(wire(&bill_statuses())), "bill statuses");
    assert_eq!(values("BillInstallment", "/status"), names(wire(&installment_statuses())), "installment statuses");
    assert_eq!(values("Schedule", "/plan"), names(wire(&plan_kinds())), "plans");
    assert_eq!(values("Problem", "/code"), names(wire(&error_codes())), "error codes");
    assert_eq!(values("PaymentMethod", "/kind"), names(wire(&payment_method_kinds())), "payment method kinds");
    assert_eq!(values("Profile", "/credit_band"), names(wire(&credit_bands())), "credit bands");
    assert_eq!(values("Repayment", "/scope"), names(wire(&quote_scopes())), "repayment scopes");
    let reasons: BTreeSet<String> = examples_of("Eligibility")
        .flat_map(|e| e.json["reasons"].as_array().cloned().unwrap_or_default())
        .map(|r| r.to_string())
        .collect();
    assert_eq!(reasons, names(wire(&ineligible_reasons())), "ineligible reasons");
    let some_and_null = |schema: &str, field: &str| {
        let kinds: BTreeSet<bool> = examples_of(schema).map(|e| e.json[field].is_null()).collect();
        assert_eq!(kinds, BTreeSet::from([false, true]), "{schema}.{field} is not both set and null");
    };
    some_and_null("Profile", "agreement_version");
    some_and_null("PaymentMethod", "last4");
    some_and_null("Bill", "next_due");
    some_and_null("Bill", "settled_on");
    some_and_null("BillInstallment", "paid_on");
    let non_zero = |schema: &str, field: &str, only_paid: bool| {
        assert!(
            examples_of(schema).any(|e| {
                let amount = e.json[field]["amount"].as_str().unwrap_or("0");
                amount.trim_start_matches(['0', '.']).chars().any(|c| c != '0' && c != '.')
                    && (!only_paid || e.json["status"] == "paid")
            }),
            "no {schema} with a non-zero {field}"
        );
    };
    non_zero("BillInstallment", "fee_waived", true);
    non_zero("BillInstallment", "late_interest", true);
    non_zero("BillInstallment", "late_interest", false);
    non_zero("Bill", "late_interest", false);
    non_zero("QuoteBreakdown", "fees_waived", false);
    non_zero("QuoteBreakdown", "late_interest", false);
    let currencies_used: BTreeSet<String> =
        examples_of("Bill").map(|e| e.json["principal"]["currency"].to_string()).collect();
    assert!(currencies_used.len() >= 4, "bills in only {currencies_used:?}");
    // The repayment lists are newest first.
    for e in examples_of("RepaymentList") {
        let repayments: Vec<Repayment> = serde_json::from_value(e.json["repayments"].clone()).unwrap();
        assert!(repayments.windows(2).all(|w| w[0].paid_at >= w[1].paid_at), "{} is not newest first", e.label);
    }
}

// ---------------------------------------------------------------------------------------------
// Negative checks: the schemas refuse what the contract forbids
// ---------------------------------------------------------------------------------------------

#[test]
fn an_extra_field_in_any_object_is_refused() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for e in examples() {
        let mut pointers = Vec::new();
        object_pointers(&e.json, String::new(), &mut pointers);
        for pointer in pointers {
            let mut mutated = e.json.clone();
            let object = mutated.pointer_mut(&pointer).and_then(Value::as_object_mut).expect("an object");
            object.insert("unexpected_field".into(), json!("x"));
            checked += 1;
            if is_valid(e.schema, &mutated) {
                failures.push(format!("{} ({}) accepts an extra field at {pointer:?}", e.schema, e.label));
            }
        }
    }
    assert!(checked > 1000, "only {checked} objects checked");
    fail_with(failures, "extra fields accepted");
}

#[test]
fn a_missing_field_is_refused() {
    let mut failures = Vec::new();
    let mut schemas_checked = BTreeSet::new();
    for e in examples() {
        let Some(object) = e.json.as_object() else {
            continue;
        };
        for key in object.keys() {
            let mut mutated = e.json.clone();
            mutated.as_object_mut().unwrap().remove(key);
            schemas_checked.insert(e.schema);
            if is_valid(e.schema, &mutated) {
                failures.push(format!("{} ({}) accepts a missing {key}", e.schema, e.label));
            }
        }
    }
    let objects: BTreeSet<&str> =
        schemas().iter().filter(|(_, s)| s["type"] == "object").map(|(n, _)| n.as_str()).collect();
    let unchecked: Vec<&&str> = objects.difference(&schemas_checked).collect();
    assert!(unchecked.is_empty(), "object schemas never checked for missing fields: {unchecked:?}");
    fail_with(failures, "missing fields accepted");
}

#[test]
fn a_float_or_malformed_amount_is_refused_like_money_does() {
    let mut failures = Vec::new();
    // A float amount anywhere: in a Money and inside every example holding one.
    let float = json!({ "amount": 1299.0, "currency": "CNY" });
    if is_valid("Money", &float) {
        failures.push("Money accepts a float amount".to_owned());
    }
    assert!(serde_json::from_value::<Money>(float).is_err(), "Money deserializes a float");
    for e in examples() {
        let mut pointers = Vec::new();
        object_pointers(&e.json, String::new(), &mut pointers);
        for pointer in pointers {
            let target = e.json.pointer(&pointer).unwrap();
            let is_money = target
                .as_object()
                .is_some_and(|o| o.len() == 2 && o.contains_key("amount") && o.contains_key("currency"));
            if !is_money {
                continue;
            }
            let number: f64 = target["amount"].as_str().unwrap().parse().unwrap();
            let mutated = with(e.json.clone(), &format!("{pointer}/amount"), json!(number));
            if is_valid(e.schema, &mutated) {
                failures.push(format!("{} ({}) accepts a float amount at {pointer:?}", e.schema, e.label));
            }
        }
    }
    // Amount strings: the schema accepts exactly what `Money` deserializes, in every currency
    // (plain decimals, no more fractional digits than the currency has; trailing zeros are fine).
    let texts = [
        "1299.00", "1299", "0", "0.5", "-3.10", "00012", "1.50000", "5.000", "5.5", "1.001", "1.0010", "-0", "1e3",
        "1E3", " 1", "1 ", "1,299.00", "1.", ".5", "+1", "", "-", "NaN", "0x10", "1.2.3", "١٢", "1_000",
    ];
    for currency in currencies() {
        for text in texts {
            let instance = json!({ "amount": text, "currency": currency });
            let schema_says = is_valid("Money", &instance);
            let rust_says = serde_json::from_value::<Money>(instance.clone()).is_ok();
            if schema_says != rust_says {
                failures.push(format!(
                    "{instance}: the schema {} it, Money {} it",
                    verdict(schema_says),
                    verdict(rust_says)
                ));
            }
        }
    }
    for unknown in ["XXX", "cny", "RMB", ""] {
        let instance = json!({ "amount": "1.00", "currency": unknown });
        if is_valid("Money", &instance) || serde_json::from_value::<Money>(instance.clone()).is_ok() {
            failures.push(format!("{instance} is accepted"));
        }
    }
    fail_with(failures, "amounts handled differently");
}

fn verdict(accepts: bool) -> &'static str {
    if accepts { "accepts" } else { "refuses" }
}

#[test]
fn an_unknown_enum_value_is_refused_like_serde_does() {
    let mut failures = Vec::new();
    for (name, wire_names, rust) in enums() {
        let mut probes = vec![json!("definitely_not_a_variant"), json!(""), json!(null), json!(0)];
        for v in &wire_names {
            let text = v.as_str().unwrap();
            probes.push(json!(text.to_uppercase()));
            probes.push(json!(text.to_lowercase()));
            probes.push(json!(format!("{text} ")));
        }
        for probe in probes {
            let schema_says = is_valid(name, &probe);
            if schema_says != rust(&probe) {
                failures.push(format!(
                    "{name} {probe}: the schema {} it, serde {} it",
                    verdict(schema_says),
                    verdict(rust(&probe))
                ));
            }
        }
    }
    // And inside the objects that use them.
    let cases = [
        ("CreateOrderRequest", "/plan", json!("installments_24")),
        ("QuoteRequest", "/scope", json!("everything")),
        ("Problem", "/code", json!("teapot")),
        ("Bill", "/status", json!("paid")),
        ("BillInstallment", "/status", json!("settled")),
        ("PaymentMethod", "/kind", json!("crypto")),
        ("Profile", "/credit_band", json!("Excellent")),
        ("Money", "/currency", json!("BTC")),
    ];
    for (schema, pointer, value) in cases {
        let mutated = with(examples_of(schema).next().unwrap().json.clone(), pointer, value.clone());
        if is_valid(schema, &mutated) {
            failures.push(format!("{schema} accepts {value} at {pointer}"));
        }
    }
    fail_with(failures, "enum values handled differently");
}

#[test]
fn malformed_dates_times_ranges_and_inconsistent_states_are_refused() {
    let bill = example_where("Bill", |b| b["status"] == "overdue");
    let settled = example_where("Bill", |b| b["status"] == "settled");
    let next_due = bill["next_due"].clone();
    let paid = example_where("BillInstallment", |i| i["status"] == "paid");
    let due = example_where("BillInstallment", |i| i["status"] == "due");
    let profile = examples_of("Profile").next().unwrap().json.clone();
    let activation = examples_of("Activation").next().unwrap().json.clone();
    let problem = examples_of("Problem").next().unwrap().json.clone();
    let card = example_where("PaymentMethod", |m| m["kind"] == "bank_card");
    let balance = example_where("PaymentMethod", |m| m["kind"] == "balance");
    let eligible = example_where("Eligibility", |e| e["eligible"] == true);
    let ineligible = example_where("Eligibility", |e| e["eligible"] == false);
    let schedule = examples_of("Schedule").next().unwrap().json.clone();
    let breakdown = examples_of("QuoteBreakdown").next().unwrap().json.clone();

    let cases: Vec<(&str, &str, Value)> = vec![
        ("Bill", "a date that does not exist", with(bill.clone(), "/created_on", json!("2026-02-30"))),
        ("Bill", "a day-first date", with(bill.clone(), "/created_on", json!("22/12/2026"))),
        ("Bill", "a date without zero padding", with(bill.clone(), "/created_on", json!("2026-1-5"))),
        ("Bill", "a date-time for a date", with(bill.clone(), "/created_on", json!("2026-11-23T00:00:00Z"))),
        ("Bill", "a negative overdue_days", with(bill.clone(), "/overdue_days", json!(-1))),
        ("Bill", "an open bill without next_due", with(bill.clone(), "/next_due", Value::Null)),
        ("Bill", "an open bill with settled_on", with(bill.clone(), "/settled_on", json!("2026-11-20"))),
        ("Bill", "a settled bill with next_due", with(settled.clone(), "/next_due", next_due)),
        ("Bill", "a settled bill without settled_on", with(settled.clone(), "/settled_on", Value::Null)),
        ("Bill", "no installments", with(bill.clone(), "/installments", json!([]))),
        ("BillInstallment", "paid without paid_on", with(paid.clone(), "/paid_on", Value::Null)),
        ("BillInstallment", "unpaid with paid_on", with(due.clone(), "/paid_on", json!("2026-11-20"))),
        ("BillInstallment", "number 0", with(due.clone(), "/number", json!(0))),
        ("BillInstallment", "a fractional number", with(due.clone(), "/number", json!(1.5))),
        (
            "Activation",
            "a date-time without offset",
            with(activation.clone(), "/accepted_at", json!("2026-11-23T10:15:00")),
        ),
        ("Activation", "a date for a date-time", with(activation.clone(), "/accepted_at", json!("2026-11-23"))),
        (
            "Activation",
            "a date-time with a bad hour",
            with(activation.clone(), "/accepted_at", json!("2026-11-23T25:15:00Z")),
        ),
        ("Activation", "a Unix timestamp", with(activation.clone(), "/accepted_at", json!(1_795_400_100))),
        ("Profile", "a credit score below 350", with(profile.clone(), "/credit_score", json!(349))),
        ("Profile", "a credit score above 950", with(profile.clone(), "/credit_score", json!(951))),
        ("Profile", "a null masked_name", with(profile.clone(), "/masked_name", Value::Null)),
        ("Profile", "a null credit_limit", with(profile.clone(), "/credit_limit", Value::Null)),
        ("Problem", "status 99", with(problem.clone(), "/status", json!(99))),
        ("Problem", "status 600", with(problem.clone(), "/status", json!(600))),
        ("Problem", "a type that is not a URI", with(problem.clone(), "/type", json!("quote expired"))),
        ("PaymentMethod", "a bank card without last4", with(card.clone(), "/last4", Value::Null)),
        ("PaymentMethod", "a full card number", with(card.clone(), "/last4", json!("6225880012344321"))),
        ("PaymentMethod", "a balance with last4", with(balance.clone(), "/last4", json!("4321"))),
        ("Eligibility", "eligible with a reason", with(eligible.clone(), "/reasons", json!(["score_too_low"]))),
        ("Eligibility", "not eligible without a reason", with(ineligible.clone(), "/reasons", json!([]))),
        ("Eligibility", "not eligible with plans", with(ineligible.clone(), "/plans", json!([schedule.clone()]))),
        (
            "Eligibility",
            "a reason twice",
            with(ineligible.clone(), "/reasons", json!(["score_too_low", "score_too_low"])),
        ),
        ("Schedule", "a float fee_rate", with(schedule.clone(), "/fee_rate", json!(0.045))),
        ("Schedule", "a percentage fee_rate", with(schedule.clone(), "/fee_rate", json!("4.5%"))),
        ("Schedule", "no installments", with(schedule.clone(), "/installments", json!([]))),
        ("QuoteBreakdown", "installment 0", with(breakdown.clone(), "/installments", json!([0]))),
        ("QuoteBreakdown", "no installments", with(breakdown.clone(), "/installments", json!([]))),
        ("BillList", "bills as an object", json!({ "bills": { "bill_1": bill } })),
    ];
    let failures: Vec<String> = cases
        .iter()
        .filter(|(schema, _, v)| is_valid(schema, v))
        .map(|(schema, what, _)| format!("{schema} accepts {what}"))
        .collect();
    fail_with(failures, "invalid values accepted");
}

// ---------------------------------------------------------------------------------------------
// Property test: any schedule, bill and quote the core computes is in the contract
// ---------------------------------------------------------------------------------------------

fn assert_valid_json<T: Serialize + DeserializeOwned + PartialEq + Debug>(
    schema: &str,
    value: &T,
) -> Result<(), TestCaseError> {
    let json = serde_json::to_value(value).expect("serializes");
    let errs = errors(schema, &json);
    prop_assert!(errs.is_empty(), "{schema}: {}\n{json}", errs.join("\n"));
    let back: T = serde_json::from_value(json).expect("deserializes");
    prop_assert_eq!(&back, value);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_schedule_bill_and_quote_validates(
        units in 1i64..1_000_000_000,
        currency in prop::sample::select(Currency::ALL.to_vec()),
        plan in prop::sample::select(PlanKind::ALL.to_vec()),
        order_day in 0i64..20_000,
        repaid in 0usize..14,
        view_after in 0i64..500,
    ) {
        let policy = Policy::default();
        let ordered = date!(2000 - 01 - 01) + Duration::days(order_day);
        let today = ordered + Duration::days(view_after);
        let s = schedule(plan, Money::from_minor(units, currency), ordered, &policy).expect("a schedule");
        assert_valid_json("Schedule", &s)?;
        let mut record = BillRecord::from_schedule("b".into(), "m".into(), "Shop".into(), "o".into(), ordered, &s);
        // Repay the first `repaid` installments on their due dates (up to today), or settle today.
        for i in 0..repaid.min(s.installments.len()) {
            let day = s.installments[i].due_date;
            if day > today {
                break;
            }
            let q = quote(&record, QuoteScope::NextInstallment, day, &policy).expect("a quote");
            apply_repayment(&mut record, QuoteScope::NextInstallment, &q, day, &policy).expect("applies");
        }
        if repaid > s.installments.len() && !record.is_settled() {
            let q = quote(&record, QuoteScope::Settle, today, &policy).expect("a quote");
            apply_repayment(&mut record, QuoteScope::Settle, &q, today, &policy).expect("applies");
        }
        let bill = bill_view(&record, today, &policy).expect("a view");
        assert_valid_json("Bill", &bill)?;
        for scope in [QuoteScope::NextInstallment, QuoteScope::Settle] {
            match quote(&record, scope, today, &policy) {
                Ok(breakdown) => assert_valid_json("QuoteBreakdown", &breakdown)?,
                Err(QuoteError::NothingToRepay) => prop_assert_eq!(bill.status, BillStatus::Settled),
                Err(e) => prop_assert!(false, "quote failed: {}", e),
            }
        }
    }
}

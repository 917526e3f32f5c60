//! The demo shoppers, each reachable by a documented session token ([`DEMO_SHOPPERS`] says who
//! each is; the sandbox's `--help` prints it). Deterministic for a given "today": bills are dated
//! relative to it.
//!
//! `<token>+<anything>` (e.g. `demo-good+run-42`) is a private copy of that shopper, made on first
//! use: tests and merchants' developers get fresh data without restarting the sandbox.

mod shoppers;

pub(crate) use shoppers::scale_shopper;

use crate::api::Agreement;
use crate::plan::Policy;

/// Every demo shopper: the session token and who it is (what `paylater-sandbox --help` lists).
pub const DEMO_SHOPPERS: [(&str, &str); 10] = [
    (
        "demo-good",
        "activated, score 720, limit ¥20,000; bills overdue, due soon, on schedule, partly paid and settled, with repayment records",
    ),
    ("demo-new", "has not activated the service (must accept the agreement); score 680, limit ¥8,000"),
    ("demo-low-score", "score 520, below the 550 threshold"),
    ("demo-low-limit", "available limit ¥300 (limit ¥3,000, ¥2,700 in use)"),
    ("demo-no-funds", "an open bill, and payment methods that cannot cover its early settlement"),
    ("demo-overdue", "a bill 45 days overdue: not eligible until it is repaid"),
    ("demo-jp", "a shopper in Japan: activated, score 740, limit ￥500,000 (JPY): orders in yen"),
    ("demo-hk", "a shopper in Hong Kong: activated, score 700, limit HK$30,000 (HKD): orders in Hong Kong dollars"),
    (
        SCALE_TOKEN,
        "1,000 bills (250 settled) and 5,000 repayment records, for measuring the widget at scale; made on first use",
    ),
    (SCALE_100_TOKEN, "the same with 100 bills and 500 records; made on first use"),
];

/// The demo shoppers seeded with every sandbox: the first eight of [`DEMO_SHOPPERS`] (the scale
/// shoppers are made on first use).
#[allow(
    clippy::indexing_slicing,
    reason = "evaluated by the compiler: an index out of range fails the build, never a request"
)]
pub const DEMO_TOKENS: [&str; 8] = {
    let mut tokens = [""; 8];
    let mut i = 0;
    while i < tokens.len() {
        tokens[i] = DEMO_SHOPPERS[i].0;
        i += 1;
    }
    tokens
};

/// The shopper with 1,000 bills and 5,000 repayment records, made on first use.
pub const SCALE_TOKEN: &str = "demo-scale";
/// The same at a tenth of the size (100 bills, 500 records), to show how costs grow.
pub const SCALE_100_TOKEN: &str = "demo-scale-100";

/// How many bills and records [`SCALE_TOKEN`] has.
pub const SCALE_BILLS: usize = 1_000;
pub const SCALE_RECORDS_PER_BILL: usize = 5;

/// The merchant of the demo checkout page.
pub const DEMO_MERCHANT_ID: &str = "M-DEMO-SHOP";

/// A seeded merchant: its id and its name, as bills show it.
type SeedMerchant = (&'static str, &'static str);
const DEMO_SHOP: SeedMerchant = (DEMO_MERCHANT_ID, "演示商店 Demo shop");
const YOUXUAN: SeedMerchant = ("M-YOUXUAN", "优选数码 Youxuan Digital");
const FRESH: SeedMerchant = ("M-FRESH", "鲜果铺 Fresh Fruit");
const BOOKS: SeedMerchant = ("M-BOOKS", "城市书店 City Books");
const HOME: SeedMerchant = ("M-HOME", "宜居家居 Cosy Home");

/// The version of the sandbox's service agreement, which the activated demo shoppers accepted.
const AGREEMENT_VERSION: &str = "2026-10";
/// The demo merchant's secret key in the sandbox. It is published (every developer can use the
/// sandbox with it); the sandbox server takes `--merchant-key` for a key of one's own.
pub const DEMO_SECRET_KEY: &str = "sk_test_demo_7f3a9c2e4b1d8e6f0a5b";
/// The demo merchant's webhook signing secret in the sandbox (`--webhook-secret` sets another).
pub const DEMO_WEBHOOK_SECRET: &str = "whsec_demo_4c8e1f7a2b9d3e6f5a0c";

/// The current service agreement of the sandbox.
pub fn demo_agreement(policy: &Policy) -> Agreement {
    Agreement {
        late_interest_daily_rate: policy.late_interest_daily_rate,
        version: AGREEMENT_VERSION.to_owned(),
        title: "先享后付服务协议 · Pay Later Service Agreement".to_owned(),
        text: [
            "1. 服务内容 Service. 开通后，你可以在支持的商户先收货、后付款：30 天内一次付清免手续费，或分 3、6、12 期按月还款。Once activated, you can receive goods first and pay later at participating merchants: in full within 30 days with no fee, or in 3, 6 or 12 monthly installments.",
            "2. 费用 Fees. 分期手续费按订单金额计收（3 期 2.5%、6 期 4.5%、12 期 8.8%），下单前展示每期金额、手续费和总额。Installment fees are a share of the order amount (2.5 %, 4.5 %, 8.8 % for 3, 6, 12 installments); every installment, the fee and the total are shown before you confirm.",
            "3. 逾期 Late payment. 逾期未还的本金按每日 0.05% 计收逾期利息，并可能影响你的信用评分和额度。Overdue principal accrues late interest of 0.05 % per day and may affect your credit score and limit.",
            "4. 提前还款 Early repayment. 你可以随时提前归还下一期或结清全部账单；提前结清时，尚未到期各期的手续费全部免收。You can repay the next installment or settle the whole bill early at any time; fees of installments not yet due are waived when you settle early.",
            "5. 额度 Credit limit. 额度根据你的信用评分确定，可用额度随还款恢复。Your limit follows your credit score; available credit is restored as you repay.",
            "6. 个人信息 Personal data. 我们仅为提供本服务处理你的信息，不会向商户提供你的信用评分。We process your data only to provide this service and never share your credit score with merchants.",
        ]
        .join("\n\n"),
    }
}

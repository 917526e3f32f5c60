//! Every string the shopper sees, in zh-CN and en, under flat keys (`"offer.title"`).
//!
//! Lookups fall back to English, then to the key itself, so a missing translation shows English
//! rather than nothing. A native test checks that both tables have the same keys.

use paylater_core::locale::Locale;

/// English, the fallback.
const EN: &[(&str, &str)] = &[
    ("widget.label", "Pay later"),
    ("order.total", "Order total"),
    ("offer.title", "Pay later"),
    ("offer.subtitle", "Use first, pay later · credit-based, no deposit"),
    ("offer.from_per_month", "From {amount} / month"),
    ("offer.pay_in_full", "or pay in full in 30 days, no fee"),
    ("offer.show_plans", "See plans"),
    ("offer.hide_plans", "Hide plans"),
    ("offer.plans_caption", "Plans on offer for this order"),
    ("offer.estimate_note", "Your final plans and limit are confirmed when you choose pay later."),
    ("plan.pay_in_30_days", "Pay in 30 days"),
    ("plan.installments", "{count} monthly installments"),
    ("plan.column.plan", "Plan"),
    ("plan.column.first_payment", "First payment"),
    ("plan.column.fee", "Fee"),
    ("plan.column.total", "Total to pay"),
    ("plan.due_on", "due {date}"),
    ("plan.fee_with_rate", "{fee} ({rate})"),
    ("notice.options_title", "Pay later is unavailable here"),
    (
        "notice.options_body",
        "This checkout could not start pay later. Please choose another payment method, or contact the shop.",
    ),
];

/// Simplified Chinese.
const ZH_CN: &[(&str, &str)] = &[
    ("widget.label", "先享后付"),
    ("order.total", "订单金额"),
    ("offer.title", "先享后付"),
    ("offer.subtitle", "先用后付 · 凭信用免押金"),
    ("offer.from_per_month", "低至 {amount}/月"),
    ("offer.pay_in_full", "或 30 天内一次付清，免手续费"),
    ("offer.show_plans", "查看分期方案"),
    ("offer.hide_plans", "收起分期方案"),
    ("offer.plans_caption", "本订单可选的付款方案"),
    ("offer.estimate_note", "选择先享后付后，将确认你的可用方案和额度。"),
    ("plan.pay_in_30_days", "30 天后付清"),
    ("plan.installments", "分 {count} 期，按月还款"),
    ("plan.column.plan", "方案"),
    ("plan.column.first_payment", "首期应还"),
    ("plan.column.fee", "手续费"),
    ("plan.column.total", "总计应还"),
    ("plan.due_on", "{date} 到期"),
    ("plan.fee_with_rate", "{fee}（{rate}）"),
    ("notice.options_title", "此处暂不能使用先享后付"),
    ("notice.options_body", "本次结账无法启用先享后付。请选择其他付款方式，或联系商家。"),
];

fn table(locale: Locale) -> &'static [(&'static str, &'static str)] {
    match locale {
        Locale::ZhCn => ZH_CN,
        Locale::En => EN,
    }
}

fn find(entries: &'static [(&'static str, &'static str)], key: &str) -> Option<&'static str> {
    entries.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// The text for `key` in `locale`, else in English, else the key itself.
pub fn t(locale: Locale, key: &'static str) -> &'static str {
    find(table(locale), key).or_else(|| find(EN, key)).unwrap_or(key)
}

/// [`t`] with `{name}` placeholders filled in.
pub fn t_with(locale: Locale, key: &'static str, args: &[(&str, &str)]) -> String {
    let mut text = t(locale, key).to_owned();
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_locale_has_every_key_and_no_extra() {
        for locale in Locale::ALL {
            let keys: Vec<&str> = table(locale).iter().map(|(k, _)| *k).collect();
            let en: Vec<&str> = EN.iter().map(|(k, _)| *k).collect();
            assert_eq!(keys, en, "{locale:?} keys differ from English");
            assert!(table(locale).iter().all(|(_, v)| !v.trim().is_empty()));
        }
    }

    #[test]
    fn placeholders_match_across_locales() {
        let placeholders = |s: &str| {
            let mut names: Vec<String> =
                s.split('{').skip(1).filter_map(|p| p.split_once('}').map(|(n, _)| n.to_owned())).collect();
            names.sort();
            names
        };
        for (key, en) in EN {
            assert_eq!(placeholders(en), placeholders(t(Locale::ZhCn, key)), "{key}");
        }
    }

    #[test]
    fn falls_back_to_english_then_the_key() {
        assert_eq!(t(Locale::ZhCn, "offer.title"), "先享后付");
        assert_eq!(t(Locale::En, "offer.title"), "Pay later");
        assert_eq!(t(Locale::ZhCn, "no.such.key"), "no.such.key");
        assert_eq!(t_with(Locale::En, "offer.from_per_month", &[("amount", "¥117.78")]), "From ¥117.78 / month");
    }
}

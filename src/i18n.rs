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
    ("offer.choose", "Pay later"),
    ("checking.label", "Checking whether you can pay later…"),
    ("plans.legend", "Choose a plan"),
    ("plan.pay_in_30_days", "Pay in 30 days"),
    ("plan.installments", "{count} monthly installments"),
    ("plan.summary", "First payment {amount} · fee {fee}"),
    ("schedule.caption", "Repayment plan: {plan}"),
    ("schedule.column.number", "Installment"),
    ("schedule.column.due_date", "Due date"),
    ("schedule.column.amount", "Amount"),
    ("schedule.column.principal", "Principal"),
    ("schedule.column.fee", "Fee"),
    ("schedule.number", "{n} of {count}"),
    ("schedule.fee_total", "Fee"),
    ("schedule.fee_rate", "{rate} of the order amount"),
    ("schedule.total", "Total to pay"),
    ("agreement.heading", "Activate pay later"),
    ("agreement.intro", "Before your first pay-later order, read and accept the service agreement."),
    ("agreement.version", "Version {version}"),
    ("agreement.accept", "I have read and accept the service agreement (version {version})"),
    ("agreement.required", "Accept the service agreement to confirm pay later."),
    ("agreement.loading", "Loading the service agreement…"),
    ("confirm.button", "Confirm pay later"),
    ("confirm.busy", "Confirming…"),
    ("confirm.verifying", "Checking whether your order went through…"),
    ("confirm.check_again", "Check again"),
    ("confirmed.heading", "Pay later confirmed by the shop"),
    ("confirmed.first_due", "Your first payment of {amount} is due on {date}."),
    ("confirmed.plan", "Plan: {plan} · total {total}"),
    ("confirmed.placed_heading", "Order placed"),
    (
        "confirmed.pending",
        "Waiting for {merchant} to confirm your order. You owe nothing until they do; {amount} is held on your limit until {date}.",
    ),
    (
        "confirmed.partial",
        "{merchant} confirmed {captured} of the {amount} order: your plan is for {captured}, and the rest of the hold is released.",
    ),
    ("confirmed.cancelled_heading", "Order cancelled by the shop"),
    (
        "confirmed.cancelled",
        "{merchant} cancelled this order. You owe nothing, and the hold on your limit is released.",
    ),
    ("confirmed.expired_heading", "The shop didn't confirm this order"),
    (
        "confirmed.expired",
        "{merchant} didn't confirm this order in time, so it was cancelled. You owe nothing, and the hold on your limit is released.",
    ),
    ("declined.heading", "Pay later isn't available for this order"),
    ("reason.score_too_low", "Your credit score doesn't meet the requirement for pay later yet."),
    ("reason.limit_too_low", "Your available pay-later limit is {available}, less than this order."),
    ("reason.seriously_overdue", "You have an overdue bill. Repay it first to use pay later again."),
    ("reason.currency_not_supported", "Pay later isn't available for orders in this currency."),
    ("declined.hint", "Please choose another payment method to complete your purchase."),
    ("declined.other_method", "Choose another payment method"),
    ("error.network", "We couldn't reach the pay-later service. Check your connection and try again."),
    ("error.timeout", "The pay-later service took too long to answer. Try again."),
    (
        "error.service",
        "The pay-later service is having trouble. Try again in a moment, or choose another payment method.",
    ),
    ("error.session", "Your session has expired. Refresh the page and try again."),
    ("error.merchant", "This checkout couldn't start pay later. Choose another payment method, or contact the shop."),
    (
        "error.order_unconfirmed",
        "We couldn't confirm whether your order went through. Check again: the same order is never created twice.",
    ),
    ("action.retry", "Try again"),
    ("notice.options_title", "Pay later is unavailable here"),
    (
        "notice.options_body",
        "This checkout could not start pay later. Please choose another payment method, or contact the shop.",
    ),
    ("view.bills_label", "Your pay-later bills"),
    ("bills.heading", "Bills"),
    ("bills.filter", "Show"),
    ("bills.filter.open", "Open"),
    ("bills.filter.settled", "Settled"),
    ("bills.filter.all", "All"),
    ("bills.loading", "Loading your bills…"),
    ("bills.more", "Show more bills"),
    ("records.more", "Show more records"),
    ("list.loading_more", "Loading more…"),
    ("credit.loading", "Loading your credit limit…"),
    ("credit.available", "Available limit {available} of {total}"),
    ("bills.empty.open", "You have nothing to repay. 🎉"),
    ("bills.empty.settled", "No settled bills yet."),
    ("bills.empty.all", "You have no pay-later bills yet."),
    ("bill.order", "Order {order}"),
    ("bill.next_due", "Next: {amount} due {date}"),
    ("bill.amount_left", "Left to pay"),
    ("bill.refunded", "Refunded by the shop: {amount}"),
    ("bill.status.on_schedule", "On schedule"),
    ("bill.status.due_soon", "Due soon"),
    ("bill.status.overdue", "Overdue {days} days · late interest {amount}"),
    ("bill.status.settled", "Settled on {date}"),
    ("bill.status.refunded", "Refunded on {date}"),
    ("bill.show_plan", "Repayment plan"),
    ("bill.repay_early", "Repay early"),
    ("installment.status.paid", "Paid on {date}"),
    ("installment.status.due", "Due"),
    ("installment.status.overdue", "Overdue"),
    ("installment.status.upcoming", "Upcoming"),
    ("installment.status.refunded", "Refunded"),
    ("installment.column.late_interest", "Late interest"),
    ("installment.column.status", "Status"),
    ("installment.fee_waived", "fee {amount} waived"),
    ("records.heading", "Repayment records"),
    ("records.bill_heading", "Repayments of this bill"),
    ("records.empty", "No repayments yet."),
    ("records.receipt", "Receipt {number}"),
    ("records.loading", "Loading repayment records…"),
    ("pending.heading", "Waiting for the shop"),
    ("pending.order", "{merchant} · order {order}"),
    ("pending.detail", "{amount} · {plan}. Nothing to pay until the shop confirms; held on your limit until {date}."),
    ("refunds.heading", "Refunds"),
    ("refunds.bill_heading", "Refunds of this bill"),
    ("refunds.amount", "{amount} refunded"),
    ("refunds.owed", "{amount} less to pay"),
    ("refunds.back", "{amount} back to {method}"),
    ("refunds.reason", "Reason: {reason}"),
    ("repay.title", "Repay early"),
    ("repay.bill", "{merchant} · order {order}"),
    ("repay.scope_legend", "What to repay"),
    ("repay.scope.next", "Next installment ({n} of {count})"),
    ("repay.scope.settle", "Settle the whole bill"),
    ("repay.quote_loading", "Working out the exact amount…"),
    ("repay.breakdown.principal", "Principal"),
    ("repay.breakdown.fees", "Fees"),
    ("repay.breakdown.late_interest", "Late interest"),
    ("repay.breakdown.fees_waived", "Fees waived"),
    ("repay.breakdown.total", "Total to repay"),
    ("repay.holds_until", "This amount holds until {time}."),
    ("repay.refreshed", "The quote expired, so the amount was refreshed. Check it before you pay."),
    ("repay.methods_legend", "Pay with"),
    ("repay.method.can_pay", "can pay up to {amount}"),
    ("repay.method.short", "Not enough: can pay up to {amount}"),
    ("repay.method.card", "{label} •••• {last4}"),
    (
        "repay.no_method",
        "None of your payment methods can cover {amount}. Add funds or choose to repay the next installment only.",
    ),
    ("repay.pay", "Pay {amount}"),
    ("repay.paying", "Paying…"),
    ("repay.verifying", "Checking whether your payment went through…"),
    ("repay.check_again", "Check again"),
    ("repay.close", "Close"),
    ("repay.done", "Repayment successful"),
    ("repay.done_detail", "{amount} paid with {method} on {time}."),
    ("repay.receipt", "Receipt number"),
    (
        "repay.error.insufficient",
        "This payment method can't cover the amount. Nothing was charged. Choose another method.",
    ),
    ("repay.error.nothing", "This bill is already settled: there is nothing to repay."),
    (
        "repay.error.unconfirmed",
        "We couldn't confirm whether your payment went through. Nothing will be charged twice: check again before paying another way.",
    ),
    ("repay.check_again", "Check again"),
    ("offline.notice", "You're offline. Nothing is lost: pay later continues when the connection is back."),
];

/// Simplified Chinese.
const ZH_CN: &[(&str, &str)] = &[
    ("widget.label", "先享后付"),
    ("order.total", "订单金额"),
    ("offer.title", "先享后付"),
    ("offer.subtitle", "先用后付 · 凭信用免押金"),
    ("offer.from_per_month", "低至 {amount}/月"),
    ("offer.pay_in_full", "或 30 天内一次付清，免手续费"),
    ("offer.choose", "使用先享后付"),
    ("checking.label", "正在确认你的先享后付资格…"),
    ("plans.legend", "选择付款方案"),
    ("plan.pay_in_30_days", "30 天后付清"),
    ("plan.installments", "分 {count} 期，按月还款"),
    ("plan.summary", "首期 {amount} · 手续费 {fee}"),
    ("schedule.caption", "还款计划：{plan}"),
    ("schedule.column.number", "期数"),
    ("schedule.column.due_date", "到期日"),
    ("schedule.column.amount", "应还金额"),
    ("schedule.column.principal", "本金"),
    ("schedule.column.fee", "手续费"),
    ("schedule.number", "第 {n}/{count} 期"),
    ("schedule.fee_total", "手续费"),
    ("schedule.fee_rate", "订单金额的 {rate}"),
    ("schedule.total", "总计应还"),
    ("agreement.heading", "开通先享后付"),
    ("agreement.intro", "首次使用前，请阅读并同意服务协议。"),
    ("agreement.version", "版本 {version}"),
    ("agreement.accept", "我已阅读并同意服务协议（版本 {version}）"),
    ("agreement.required", "请先勾选同意服务协议，才能确认先享后付。"),
    ("agreement.loading", "正在加载服务协议…"),
    ("confirm.button", "确认先享后付"),
    ("confirm.busy", "正在确认…"),
    ("confirm.verifying", "正在核实订单是否已创建…"),
    ("confirm.check_again", "再次核实"),
    ("confirmed.heading", "商家已确认，先享后付生效"),
    ("confirmed.first_due", "首期 {amount} 将于 {date} 到期。"),
    ("confirmed.plan", "方案：{plan} · 总计 {total}"),
    ("confirmed.placed_heading", "订单已提交"),
    ("confirmed.pending", "等待{merchant}确认订单。确认前你无需付款；{amount} 将在你的额度中冻结至 {date}。"),
    (
        "confirmed.partial",
        "{merchant}确认了 {amount} 订单中的 {captured}：分期按 {captured} 计算，其余冻结额度已释放。",
    ),
    ("confirmed.cancelled_heading", "商家已取消订单"),
    ("confirmed.cancelled", "{merchant}取消了这笔订单。你无需付款，冻结的额度已释放。"),
    ("confirmed.expired_heading", "商家未确认订单"),
    ("confirmed.expired", "{merchant}未在期限内确认这笔订单，订单已取消。你无需付款，冻结的额度已释放。"),
    ("declined.heading", "本订单暂不能使用先享后付"),
    ("reason.score_too_low", "你的信用评分暂未达到先享后付的要求。"),
    ("reason.limit_too_low", "你的先享后付可用额度为 {available}，不足以支付本订单。"),
    ("reason.seriously_overdue", "你有逾期未还的账单，还清后可再次使用先享后付。"),
    ("reason.currency_not_supported", "先享后付暂不支持此币种的订单。"),
    ("declined.hint", "请选择其他付款方式完成支付。"),
    ("declined.other_method", "选择其他付款方式"),
    ("error.network", "无法连接先享后付服务，请检查网络后重试。"),
    ("error.timeout", "先享后付服务响应超时，请重试。"),
    ("error.service", "先享后付服务暂时不可用，请稍后重试，或选择其他付款方式。"),
    ("error.session", "登录已过期，请刷新页面后重试。"),
    ("error.merchant", "本次结账无法使用先享后付，请选择其他付款方式，或联系商家。"),
    ("error.order_unconfirmed", "暂时无法确认订单是否已创建。请再次核实：同一订单不会被重复创建。"),
    ("action.retry", "重试"),
    ("notice.options_title", "此处暂不能使用先享后付"),
    ("notice.options_body", "本次结账无法启用先享后付。请选择其他付款方式，或联系商家。"),
    ("view.bills_label", "我的先享后付账单"),
    ("bills.heading", "账单"),
    ("bills.filter", "显示"),
    ("bills.filter.open", "待还"),
    ("bills.filter.settled", "已结清"),
    ("bills.filter.all", "全部"),
    ("bills.loading", "正在加载账单…"),
    ("bills.more", "显示更多账单"),
    ("records.more", "显示更多还款记录"),
    ("list.loading_more", "正在加载更多…"),
    ("credit.loading", "正在加载额度…"),
    ("credit.available", "可用额度 {available}，总额度 {total}"),
    ("bills.empty.open", "暂无待还账单。"),
    ("bills.empty.settled", "还没有已结清的账单。"),
    ("bills.empty.all", "你还没有先享后付账单。"),
    ("bill.order", "订单 {order}"),
    ("bill.next_due", "下期应还 {amount} · {date} 到期"),
    ("bill.amount_left", "剩余应还"),
    ("bill.refunded", "商家已退款：{amount}"),
    ("bill.status.on_schedule", "按期还款中"),
    ("bill.status.due_soon", "即将到期"),
    ("bill.status.overdue", "已逾期 {days} 天 · 逾期利息 {amount}"),
    ("bill.status.settled", "已于 {date} 结清"),
    ("bill.status.refunded", "已于 {date} 退款"),
    ("bill.show_plan", "还款计划"),
    ("bill.repay_early", "提前还款"),
    ("installment.status.paid", "已还 · {date}"),
    ("installment.status.due", "本期待还"),
    ("installment.status.overdue", "已逾期"),
    ("installment.status.upcoming", "待还"),
    ("installment.status.refunded", "已退款"),
    ("installment.column.late_interest", "逾期利息"),
    ("installment.column.status", "状态"),
    ("installment.fee_waived", "免手续费 {amount}"),
    ("records.heading", "还款记录"),
    ("records.bill_heading", "本账单的还款记录"),
    ("records.empty", "暂无还款记录。"),
    ("records.receipt", "回单号 {number}"),
    ("records.loading", "正在加载还款记录…"),
    ("pending.heading", "等待商家确认"),
    ("pending.order", "{merchant} · 订单 {order}"),
    ("pending.detail", "{amount} · {plan}。商家确认前无需付款；额度冻结至 {date}。"),
    ("refunds.heading", "退款记录"),
    ("refunds.bill_heading", "本账单的退款"),
    ("refunds.amount", "退款 {amount}"),
    ("refunds.owed", "少还 {amount}"),
    ("refunds.back", "{amount} 退回{method}"),
    ("refunds.reason", "原因：{reason}"),
    ("repay.title", "提前还款"),
    ("repay.bill", "{merchant} · 订单 {order}"),
    ("repay.scope_legend", "还款范围"),
    ("repay.scope.next", "下一期（第 {n}/{count} 期）"),
    ("repay.scope.settle", "结清全部账单"),
    ("repay.quote_loading", "正在计算应还金额…"),
    ("repay.breakdown.principal", "本金"),
    ("repay.breakdown.fees", "手续费"),
    ("repay.breakdown.late_interest", "逾期利息"),
    ("repay.breakdown.fees_waived", "已减免手续费"),
    ("repay.breakdown.total", "应还总额"),
    ("repay.holds_until", "该金额有效至 {time}。"),
    ("repay.refreshed", "报价已过期，金额已更新，请核对后再付款。"),
    ("repay.methods_legend", "付款方式"),
    ("repay.method.can_pay", "最多可付 {amount}"),
    ("repay.method.short", "余额不足：最多可付 {amount}"),
    ("repay.method.card", "{label} •••• {last4}"),
    ("repay.no_method", "你的付款方式都不足以支付 {amount}。请充值，或选择只还下一期。"),
    ("repay.pay", "支付 {amount}"),
    ("repay.paying", "正在支付…"),
    ("repay.verifying", "正在核实付款是否成功…"),
    ("repay.check_again", "再次核实"),
    ("repay.close", "关闭"),
    ("repay.done", "还款成功"),
    ("repay.done_detail", "已于 {time} 使用{method}支付 {amount}。"),
    ("repay.receipt", "回单号"),
    ("repay.error.insufficient", "该付款方式余额不足，未扣款。请选择其他付款方式。"),
    ("repay.error.nothing", "该账单已结清，无需还款。"),
    ("repay.error.unconfirmed", "暂时无法确认付款是否成功。不会重复扣款：请先再次确认，再换其他方式付款。"),
    ("repay.check_again", "再次确认"),
    ("offline.notice", "网络已断开。内容不会丢失：连接恢复后将继续。"),
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

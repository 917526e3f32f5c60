//! The repayment went through: the amount, the method, the time and the receipt number, announced
//! (focus moves to the heading), with a way to close the dialog.

use leptos::prelude::*;
use paylater_core::api::Repayment;
use paylater_core::locale::{format_date_time, format_money};

use crate::context::{tr, use_locale};
use crate::i18n::{Key, t, t_with};
use crate::ui::amount_list::{AmountList, AmountRow};
use crate::ui::success_panel::{Outcome, SuccessPanel};

#[component]
pub fn Receipt(repayment: Repayment, on_close: Callback<()>) -> impl IntoView {
    let locale = use_locale();
    let r = StoredValue::new(repayment);
    let detail = move || {
        let loc = locale.get();
        r.with_value(|r| {
            let (amount, time) = (format_money(&r.amount, loc), format_date_time(r.paid_at, r.paid_at.offset(), loc));
            t_with(
                loc,
                Key::RepayDoneDetail,
                &[("amount", &amount), ("method", &r.payment_method_label), ("time", &time)],
            )
        })
    };
    view! {
        <SuccessPanel
            heading=Signal::derive(move || t(locale.get(), Key::RepayDone).to_owned())
            outcome=Outcome::Done
            focus=true
            testid="repaid"
        >
            <p>{detail}</p>
            <AmountList>
                <AmountRow label=Key::RepayReceipt total=true testid="receipt">
                    {r.with_value(|r| r.receipt_number.clone())}
                </AmountRow>
            </AmountList>
            <button
                type="button"
                class="plw-button plw-button--primary plw-button--block"
                on:click=move |_| on_close.run(())
            >
                {tr(Key::RepayClose)}
            </button>
        </SuccessPanel>
    }
}

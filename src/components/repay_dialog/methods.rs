//! How to pay: the shopper's payment methods as a radio group, each with what it can pay; one
//! that cannot cover the total is marked and cannot be chosen, and if none can, the dialog says
//! what to do.

use leptos::prelude::*;
use paylater_core::api::{PaymentMethod, PaymentMethodId, PaymentMethodList, Quote};
use paylater_core::client::ClientError;
use paylater_core::locale::format_money;

use super::payment::covers;
use crate::context::use_locale;
use crate::format::method_name;
use crate::hooks::read::UseReadReturn;
use crate::i18n::{Key, t, t_with};
use crate::ui::async_view::AsyncView;
use crate::ui::radio_card::{RadioCard, RadioGroup};

#[component]
pub fn MethodChoice(
    methods: UseReadReturn<Result<PaymentMethodList, ClientError>>,
    /// The quote's answer, once there is one (what each method must cover).
    #[prop(into)]
    quote: Signal<Option<Quote>>,
    /// The method in effect.
    #[prop(into)]
    method: Signal<Option<PaymentMethodId>>,
    on_choose: Callback<PaymentMethodId>,
    #[prop(into)] disabled: Signal<bool>,
) -> impl IntoView {
    let locale = use_locale();
    let card = move |m: PaymentMethod| {
        let enough = quote.with_untracked(|q| q.as_ref().is_none_or(|q| covers(&m, q)));
        let (id, checked_id, available) = (m.id.clone(), m.id.clone(), m.available);
        let name = Signal::derive(move || method_name(&m, locale.get()));
        let summary = Signal::derive(move || {
            let loc = locale.get();
            let key = if enough { Key::RepayMethodCanPay } else { Key::RepayMethodShort };
            t_with(loc, key, &[("amount", &format_money(&available, loc))])
        });
        view! {
            <RadioCard
                group="plw-repay-method"
                value=id.to_string()
                checked=Signal::derive(move || method.get().as_ref() == Some(&checked_id))
                unavailable=!enough
                on_select=Callback::new(move |_| on_choose.run(id.clone()))
                name=name
                summary=summary
            />
        }
    };
    let list = move |list: PaymentMethodList| {
        let methods = list.payment_methods;
        // Re-drawn when the quote changes: what each method can cover depends on it.
        move || {
            let q = quote.get();
            let none_covers = q.as_ref().is_some_and(|q| !methods.iter().any(|m| covers(m, q)));
            let cards = methods.iter().cloned().map(card).collect_view();
            view! {
                <RadioGroup
                    legend=Signal::derive(move || t(locale.get(), Key::RepayMethodsLegend).to_owned())
                    disabled=disabled
                >
                    {cards}
                </RadioGroup>
                {none_covers
                    .then(|| {
                        let total = q.as_ref().map(|q| q.breakdown.total);
                        view! {
                            <p class="plw-error" role="alert" data-testid="no-method">
                                {move || {
                                    let loc = locale.get();
                                    let total = total.map(|t| format_money(&t, loc)).unwrap_or_default();
                                    t_with(loc, Key::RepayNoMethod, &[("amount", &total)])
                                }}
                            </p>
                        }
                    })}
            }
        }
    };
    view! {
        <AsyncView
            state=Signal::derive(move || methods.value.get())
            on_retry=Callback::new(move |_| methods.refetch.notify())
            loading=Key::RepayQuoteLoading
            children=list
        />
    }
}

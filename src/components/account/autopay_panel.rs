//! Autopay's settings for one bill, in its repayment plan (the part of the module fetched when the
//! plan opens): the shopper's payment methods to charge on each due date, Turn on (or change the
//! method), Turn off. The answer is the bill as the provider now holds it, which replaces it in
//! the list. A failed call says why and keeps the choice; nothing is assumed done.

use leptos::prelude::*;
use paylater_core::api::{AutopayRequest, Bill, PaymentMethodList};
use paylater_core::client::ClientError;
use paylater_core::locale::format_money;

use crate::context::{tr, use_api, use_locale};
use crate::format::method_name;
use crate::hooks::read::use_payment_methods;
use crate::i18n::{Key, t, t_with};
use crate::ui::async_view::AsyncView;
use crate::ui::notice::CallError;
use crate::ui::radio_card::{RadioCard, RadioGroup};

#[component]
pub fn AutopayPanel(bill: Bill, on_bill: Callback<Bill>) -> impl IntoView {
    let locale = use_locale();
    let client = use_api();
    let methods = use_payment_methods();
    let is_on = bill.autopay.is_some();
    let chosen = RwSignal::new(bill.autopay.as_ref().map(|a| a.payment_method_id.clone()));
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ClientError>);
    let bill_id = bill.id.clone();
    let heading_id = crate::format::dom_id("plw-autopay", &bill.id);
    let labelled_by = heading_id.clone();
    // Turn on (with the method chosen) or off; the bill as answered replaces the card's.
    let send = move |turn_on: bool| {
        let method = chosen.get_untracked();
        if busy.get_untracked() || (turn_on && method.is_none()) {
            return;
        }
        busy.set(true);
        failure.set(None);
        let (client, bill_id) = (client.clone(), bill_id.clone());
        leptos::task::spawn_local(async move {
            let answer = match method.filter(|_| turn_on) {
                Some(payment_method_id) => client.set_autopay(&bill_id, &AutopayRequest { payment_method_id }).await,
                None => client.clear_autopay(&bill_id).await,
            };
            let _ = busy.try_set(false);
            match answer {
                Ok(bill) => on_bill.run(bill),
                Err(e) => {
                    let _ = failure.try_set(Some(e));
                }
            }
        });
    };
    let send = StoredValue::new_local(send);
    let list = move |list: PaymentMethodList| {
        let cards = list
            .payment_methods
            .into_iter()
            .map(|m| {
                let (id, value, available) = (m.id.clone(), m.id.to_string(), m.available);
                let checked = Signal::derive({
                    let id = id.clone();
                    move || chosen.get().as_ref() == Some(&id)
                });
                let summary = Signal::derive(move || {
                    let loc = locale.get();
                    t_with(loc, Key::RepayMethodCanPay, &[("amount", &format_money(&available, loc))])
                });
                view! {
                    <RadioCard
                        group="plw-autopay-method"
                        value=value
                        checked=checked
                        on_select=Callback::new(move |_| chosen.set(Some(id.clone())))
                        name=Signal::derive(move || method_name(&m, locale.get()))
                        summary=summary
                    />
                }
            })
            .collect_view();
        view! {
            <RadioGroup legend=Signal::derive(move || t(locale.get(), Key::AutopayLegend).to_owned()) disabled=busy>
                {cards}
            </RadioGroup>
        }
    };
    view! {
        <section class="plw-autopay" data-testid="autopay-panel" aria-labelledby=labelled_by>
            <h4 class="plw-records__heading" id=heading_id>
                {tr(Key::BillAutopaySetup)}
            </h4>
            <p class="plw-muted">{tr(Key::AutopayNote)}</p>
            <AsyncView
                state=Signal::derive(move || methods.value.get())
                on_retry=Callback::new(move |_| methods.refetch.notify())
                loading=Key::RepayQuoteLoading
                children=list
            />
            <CallError error=failure />
            <div class="plw-bill__actions">
                <button
                    type="button"
                    class="plw-button plw-button--primary"
                    disabled=move || busy.get() || chosen.get().is_none()
                    on:click=move |_| send.with_value(|send| send(true))
                >
                    {tr(Key::AutopayTurnOn)}
                </button>
                {is_on
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="plw-button plw-button--secondary"
                                disabled=move || busy.get()
                                on:click=move |_| send.with_value(|send| send(false))
                            >
                                {tr(Key::AutopayTurnOff)}
                            </button>
                        }
                    })}
            </div>
        </section>
    }
}

//! Activation: the service agreement (title, version, scrollable plain text) and the checkbox
//! that accepts it. The text is rendered as text, paragraph by paragraph, never as HTML.

use leptos::prelude::*;
use paylater_core::api::Agreement;

use super::state::CheckoutState;
use crate::context::{tr, use_locale};
use crate::i18n::{Key, t_with};
use crate::ui::async_view::AsyncView;

#[component]
pub fn AgreementConsent() -> impl IntoView {
    let state = expect_context::<CheckoutState>();
    let (accepted, show_error) = (state.choices.accepted, state.choices.show_accept_error);
    let checkbox = NodeRef::<leptos::html::Input>::new();
    // When Confirm is pressed without acceptance, take the shopper to the checkbox.
    Effect::new(move |_| {
        if show_error.get()
            && let Some(input) = checkbox.get_untracked()
        {
            let _ = input.focus();
        }
    });
    let read = state.agreement;
    let document = move |a: Agreement| {
        let locale = use_locale();
        let version = a.version.clone();
        let accept_version = a.version.clone();
        let late_daily = a.late_interest_daily_rate;
        let paragraphs = a
            .text
            .split("\n\n")
            .filter(|p| !p.trim().is_empty())
            .map(|p| view! { <p>{p.trim().to_owned()}</p> })
            .collect_view();
        view! {
            <div class="plw-agreement__doc">
                <h4 class="plw-agreement__title">{a.title.clone()}</h4>
                <p class="plw-agreement__version">
                    {move || t_with(locale.get(), Key::AgreementVersion, &[("version", &version)])}
                </p>
                <p class="plw-agreement__late-rate" data-testid="agreement-late-rate">
                    {move || crate::format::late_interest_rate_text(late_daily, locale.get())}
                </p>
                <div class="plw-agreement__text" tabindex="0" role="region" aria-label=a.title.clone()>
                    {paragraphs}
                </div>
            </div>
            <label class="plw-checkbox">
                <input
                    type="checkbox"
                    node_ref=checkbox
                    prop:checked=move || accepted.get()
                    aria-invalid=move || (show_error.get() && !accepted.get()).to_string()
                    aria-describedby="plw-agreement-error"
                    on:change=move |ev| {
                        accepted.set(event_target_checked(&ev));
                        show_error.set(false);
                    }
                />
                <span>{move || t_with(locale.get(), Key::AgreementAccept, &[("version", &accept_version)])}</span>
            </label>
        }
    };
    view! {
        <section class="plw-agreement" aria-labelledby="plw-agreement-heading">
            <h3 id="plw-agreement-heading" class="plw-agreement__heading">
                {tr(Key::AgreementHeading)}
            </h3>
            <p class="plw-agreement__intro">{tr(Key::AgreementIntro)}</p>
            <AsyncView
                state=Signal::derive(move || read.value.get().flatten())
                on_retry=Callback::new(move |_| read.refetch.notify())
                loading=Key::AgreementLoading
                children=document
            />
            <p id="plw-agreement-error" class="plw-field-error" role="alert">
                {move || (show_error.get() && !accepted.get()).then(tr(Key::AgreementRequired))}
            </p>
        </section>
    }
}

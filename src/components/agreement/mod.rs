//! Activation: the service agreement (title, version, scrollable plain text) and the checkbox
//! that accepts it. The text is rendered as text, paragraph by paragraph, never as HTML.

use leptos::prelude::*;
use paylater_core::api::Agreement;
use paylater_core::client::ClientError;
use paylater_core::locale::Locale;

use crate::components::notice::RetryError;
use crate::i18n::{Key, t, t_with};

#[component]
pub fn AgreementConsent(
    agreement: LocalResource<Option<Result<Agreement, ClientError>>>,
    accepted: RwSignal<bool>,
    show_error: RwSignal<bool>,
    locale: Signal<Locale>,
) -> impl IntoView {
    let checkbox = NodeRef::<leptos::html::Input>::new();
    // When Confirm is pressed without acceptance, take the shopper to the checkbox.
    Effect::new(move |_| {
        if show_error.get()
            && let Some(input) = checkbox.get_untracked()
        {
            let _ = input.focus();
        }
    });
    view! {
        <section class="plw-agreement" aria-labelledby="plw-agreement-heading">
            <h3 id="plw-agreement-heading" class="plw-agreement__heading">{move || t(locale.get(), Key::AgreementHeading)}</h3>
            <p class="plw-agreement__intro">{move || t(locale.get(), Key::AgreementIntro)}</p>
            {move || match agreement.get().flatten() {
                None => view! { <p class="plw-agreement__loading">{move || t(locale.get(), Key::AgreementLoading)}</p> }.into_any(),
                Some(Err(e)) => {
                    view! { <RetryError error=e locale=locale on_retry=Callback::new(move |_| agreement.refetch()) /> }.into_any()
                }
                Some(Ok(a)) => {
                    let version = a.version.clone();
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
                                {
                                    let version = version.clone();
                                    move || t_with(locale.get(), Key::AgreementVersion, &[("version", &version)])
                                }
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
                            <span>{move || t_with(locale.get(), Key::AgreementAccept, &[("version", &version)])}</span>
                        </label>
                    }
                        .into_any()
                }
            }}
            <p id="plw-agreement-error" class="plw-field-error" role="alert">
                {move || (show_error.get() && !accepted.get()).then(|| t(locale.get(), Key::AgreementRequired))}
            </p>
        </section>
    }
}

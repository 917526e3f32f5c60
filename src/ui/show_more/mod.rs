//! "Show more": the next page of a long list (bills, records), so every item stays reachable while
//! the first render stays small. Busy while loading; a failure says why and stays retryable.

use leptos::prelude::*;
use paylater_core::client::ClientError;

use crate::context::use_locale;
use crate::i18n::{Key, t};
use crate::ui::notice::CallError;

#[component]
pub fn ShowMore(
    label: Key,
    #[prop(into)] pending: Signal<bool>,
    #[prop(into)] error: Signal<Option<ClientError>>,
    on_more: Callback<()>,
) -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="plw-show-more">
            <CallError error=error />
            <button
                type="button"
                class="plw-button plw-button--secondary plw-button--block"
                disabled=move || pending.get()
                aria-busy=move || pending.get().to_string()
                on:click=move |_| on_more.run(())
            >
                {move || t(locale.get(), if pending.get() { Key::ListLoadingMore } else { label })}
            </button>
        </div>
    }
}

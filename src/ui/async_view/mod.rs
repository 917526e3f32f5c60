//! One way to show anything the widget reads: **loading** (a line of text in the room the answer
//! will take, so nothing jumps), **failed** (what happened, in words, with Try again), or
//! **ready** (the children, given the answer). A reload keeps what was shown until the new answer
//! arrives.

use leptos::prelude::*;
use paylater_core::client::ClientError;

use crate::context::tr;
use crate::errors::{Call, message_key};
use crate::i18n::Key;

#[component]
pub fn AsyncView<T, V, F>(
    /// The read: `None` until the first answer.
    #[prop(into)]
    state: Signal<Option<Result<T, ClientError>>>,
    /// Makes the read again.
    on_retry: Callback<()>,
    /// What the shopper reads while waiting.
    loading: Key,
    /// Placeholder bars under the loading line (for a large answer such as the plans).
    #[prop(optional)]
    skeleton: bool,
    /// Show nothing while loading (a section that only appears when it has something to say).
    #[prop(optional)]
    quiet: bool,
    /// `data-testid` of the loading line.
    #[prop(optional)]
    loading_testid: Option<&'static str>,
    /// `data-testid` of the failure.
    #[prop(optional)]
    error_testid: Option<&'static str>,
    children: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
{
    let waiting = Waiting { on_retry, loading, skeleton, quiet, loading_testid, error_testid };
    move || match state.get() {
        Some(Ok(value)) => children(value).into_any(),
        Some(Err(error)) => waiting.view(Some(error)),
        None => waiting.view(None),
    }
}

/// What an [`AsyncView`] shows without an answer: loading, or the failure. Not generic, so every
/// kind of answer shares one copy of it (issue 22: generic components carry their concrete parts
/// in functions of their own).
#[derive(Clone, Copy)]
struct Waiting {
    on_retry: Callback<()>,
    loading: Key,
    skeleton: bool,
    quiet: bool,
    loading_testid: Option<&'static str>,
    error_testid: Option<&'static str>,
}

impl Waiting {
    fn view(self, error: Option<ClientError>) -> AnyView {
        match error {
            Some(error) => {
                view! { <RetryError error=error on_retry=self.on_retry testid=self.error_testid /> }.into_any()
            }
            None if self.quiet => ().into_any(),
            None => {
                view! { <Loading label=self.loading skeleton=self.skeleton testid=self.loading_testid /> }.into_any()
            }
        }
    }
}

/// Waiting for an answer: a line of text, and with `skeleton` placeholder bars in the room the
/// answer will take.
#[component]
pub fn Loading(label: Key, skeleton: bool, testid: Option<&'static str>) -> impl IntoView {
    view! {
        <div class="plw-loading" data-testid=testid aria-busy="true">
            <p class="plw-loading__label">{tr(label)}</p>
            {skeleton
                .then(|| {
                    view! {
                        <div class="plw-loading__bar" aria-hidden="true"></div>
                        <div class="plw-loading__bar" aria-hidden="true"></div>
                        <div class="plw-loading__bar plw-loading__bar--short" aria-hidden="true"></div>
                    }
                })}
        </div>
    }
}

/// A read that failed, in words, with Try again (announced as an alert).
#[component]
pub fn RetryError(
    error: ClientError,
    on_retry: Callback<()>,
    #[prop(default = None)] testid: Option<&'static str>,
) -> impl IntoView {
    let key = message_key(Call::Read, &error);
    view! {
        <div class="plw-error" role="alert" data-testid=testid>
            <p>{tr(key)}</p>
            <button type="button" class="plw-button plw-button--secondary" on:click=move |_| on_retry.run(())>
                {tr(Key::ActionRetry)}
            </button>
        </div>
    }
}

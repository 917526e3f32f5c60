//! The shopper's credit at the head of the bills: the limit still available out of the total
//! (`GET /v1/me`). Reloaded when the session is renewed or the connection returns, and after a
//! repayment (which restores the limit).

use leptos::prelude::*;
use paylater_core::api::Profile;
use paylater_core::client::ClientError;
use paylater_core::locale::{Locale, format_money};

use crate::components::notice::RetryError;
use crate::i18n::{Key, t, t_with};

#[component]
pub fn CreditSummary(profile: LocalResource<Result<Profile, ClientError>>, locale: Signal<Locale>) -> impl IntoView {
    move || {
        let loc = locale.get();
        match profile.get() {
            None => view! { <p class="plw-credit">{t(loc, Key::CreditLoading)}</p> }.into_any(),
            Some(Err(e)) => view! {
                <div class="plw-credit">
                    <RetryError error=e locale=locale on_retry=Callback::new(move |_| profile.refetch()) testid="credit-error" />
                </div>
            }
            .into_any(),
            Some(Ok(p)) => {
                let line = t_with(
                    loc,
                    Key::CreditAvailable,
                    &[
                        ("available", &format_money(&p.credit_limit.available, loc)),
                        ("total", &format_money(&p.credit_limit.total, loc)),
                    ],
                );
                view! { <p class="plw-credit" data-testid="credit-limit">{line}</p> }.into_any()
            }
        }
    }
}

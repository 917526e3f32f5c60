//! The shopper's credit at the head of the bills: the limit still available out of the total
//! (`GET /v1/me`), read again when the account changes (a repayment restores the limit).

use leptos::prelude::*;
use paylater_core::api::Profile;
use paylater_core::client::ClientError;
use paylater_core::locale::format_money;

use crate::context::use_locale;
use crate::hooks::read::UseReadReturn;
use crate::i18n::{Key, t_with};
use crate::ui::async_view::AsyncView;

#[component]
pub fn CreditSummary(profile: UseReadReturn<Result<Profile, ClientError>>) -> impl IntoView {
    let locale = use_locale();
    let line = move |p: Profile| {
        let limit = p.credit_limit;
        view! {
            <p class="plw-credit" data-testid="credit-limit">
                {move || {
                    let loc = locale.get();
                    let (available, total) = (format_money(&limit.available, loc), format_money(&limit.total, loc));
                    t_with(loc, Key::CreditAvailable, &[("available", &available), ("total", &total)])
                }}
            </p>
        }
    };
    view! {
        <div class="plw-credit">
            <AsyncView
                state=Signal::derive(move || profile.value.get())
                on_retry=Callback::new(move |_| profile.refetch.notify())
                loading=Key::CreditLoading
                error_testid="credit-error"
                children=line
            />
        </div>
    }
}

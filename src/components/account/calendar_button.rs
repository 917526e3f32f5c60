//! "Add due dates to calendar": the bill as an iCalendar file (built by the core's
//! `bill_calendar`, in the shopper's language), downloaded at once from the page: no request to
//! the provider or anyone else. Downloading again after a repayment updates the events the
//! shopper imported before (same UIDs, a higher SEQUENCE; what is paid since comes cancelled).

use leptos::prelude::*;
use paylater_core::api::Bill;
use paylater_core::locale::{Locale, format_money};
use paylater_core::time::OffsetDateTime;
use paylater_core::{CalendarWords, bill_calendar};
use wasm_bindgen::JsCast;

use crate::context::use_locale;
use crate::i18n::{Key, t};

/// The bill's calendar file in `locale`, stamped now.
fn calendar_file(bill: &Bill, locale: Locale) -> String {
    let words = CalendarWords {
        title: t(locale, Key::CalendarTitle),
        description: t(locale, Key::CalendarDescription),
        reminder: t(locale, Key::CalendarReminder),
    };
    let now = OffsetDateTime::from_unix_timestamp((js_sys::Date::now() / 1000.0) as i64)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH);
    bill_calendar(bill, &words, &|m| format_money(m, locale), now)
}

/// Offers `text` to the shopper as the file `name` (`text/calendar`); `None` if the browser
/// refused (the button then stays, and nothing else happens).
fn download(name: &str, text: &str) -> Option<()> {
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/calendar;charset=utf-8");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let document = web_sys::window()?.document()?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Some(())
}

#[component]
pub fn CalendarButton(bill: StoredValue<Bill>) -> impl IntoView {
    let locale = use_locale();
    // The bill's id as it may go into a file name and an element id (several bills may be open).
    let safe: String =
        bill.with_value(|b| b.id.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect());
    let note = format!("plw-calendar-note-{safe}");
    let save = move |_| {
        bill.with_value(|b| download(&format!("pay-later-{safe}.ics"), &calendar_file(b, locale.get_untracked())));
    };
    view! {
        <div class="plw-calendar">
            <button type="button" class="plw-button" on:click=save aria-describedby=note.clone()>
                {move || t(locale.get(), Key::BillAddToCalendar)}
            </button>
            <p class="plw-muted" id=note>
                {move || t(locale.get(), Key::BillCalendarNote)}
            </p>
        </div>
    }
}

//! The checkout module: the widget library built with only the checkout (pay later at checkout: eligibility, activation, plans, the order), so a page downloads only what it shows.
//! `pay-later.js` loads it on first need; its exports are the library's (`mountHost`,
//! `unmountHost`, `setSessionToken`, `liveWidgets`, `localeToLoad`, `setLocaleMessages`).

pub use pay_later_widget::{
    live_widgets_js, locale_to_load_js, mount_js, set_locale_messages_js, set_session_token_js, unmount_js,
};

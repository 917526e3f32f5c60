//! The offer module: the widget library built with only the offer (the provider's offer beside the
//! order total, and **Pay later**), so a checkout page downloads this much before the shopper
//! touches it. Pay later starts eligibility and asks `pay-later.js` for the checkout module, which
//! takes the widget over. Its exports are the library's (`mountHost`, `unmountHost`,
//! `setSessionToken`, `liveWidgets`, `localeToLoad`, `setLocaleMessages`).

pub use pay_later_widget::{
    live_widgets_js, locale_to_load_js, mount_js, set_locale_messages_js, set_session_token_js, unmount_js,
};

//! The offer module: the widget library built with the offer first (the provider's offer beside the
//! order total, and **Pay later**) and the whole checkout as a part of it that release builds cut
//! out with wasm-split, so a checkout page downloads the offer before the shopper touches it and
//! Pay later fetches only the checkout's own code, eligibility already on its way. Its exports are the library's (`mountHost`, `unmountHost`,
//! `setSessionToken`, `liveWidgets`, `localeToLoad`, `setLocaleMessages`).

pub use pay_later_widget::{
    live_widgets_js, locale_to_load_js, mount_js, set_locale_messages_js, set_session_token_js, unmount_js,
};

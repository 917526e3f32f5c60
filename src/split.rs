//! Parts of a module fetched when the shopper asks for them. In release builds
//! (`cfg(pay_later_split)`, see build.rs) a function marked with
//! `#[cfg_attr(pay_later_split, wasm_split_helpers::wasm_split(name))]` becomes a separate wasm
//! file that `scripts/post-build.mjs` cuts out of the module with wasm-split, and calling it fetches
//! that file first (with its integrity), so a page downloads what it shows and the rest waits for
//! the click that needs it. Elsewhere (tests, debug builds) the function is called directly.
//!
//! A part that cannot be fetched is a trap, which `pay-later.js` turns into the widget's notice
//! with Try again (a fresh instance), like any module that fails.

/// Calls a part: awaits its file in split builds, calls it at once otherwise (use inside an
/// `async` block, such as a `Suspend`).
macro_rules! part {
    ($call:expr) => {{
        #[cfg(pay_later_split)]
        let view = $call.await;
        #[cfg(not(pay_later_split))]
        let view = $call;
        view
    }};
}
#[allow(unused_imports)]
pub(crate) use part;

use std::future::Future;

use leptos::prelude::*;

/// The view of a part once it is here (`part`: an `async` block calling it with [`part!`]), and
/// `waiting` until then.
pub fn on_arrival<V: IntoView + 'static>(
    part: impl Future<Output = AnyView> + Send + 'static,
    waiting: impl Fn() -> V + Send + Sync + 'static,
) -> impl IntoView {
    let (arrived, set_arrived) = signal(false);
    let part = Suspend::new(async move {
        let view = part.await;
        set_arrived.set(true);
        view
    });
    view! {
        {part}
        {move || (!arrived.get()).then(&waiting)}
    }
}

//! Triggers that only test builds have (feature `test-hooks`: the demo build, which the end-to-end
//! tests run), never what merchants deploy: the size guard checks the merchant build has none.

/// Panics when `host` asks for it with `data-test-crash`: in a release build a panic is a trap
/// (immediate abort), which the end-to-end tests use to see what pay-later.js does with a crashed
/// module.
#[allow(clippy::panic)]
pub fn crash_if_asked(host: &web_sys::HtmlElement) {
    if host.has_attribute("data-test-crash") {
        panic!("data-test-crash: a crash on purpose");
    }
}

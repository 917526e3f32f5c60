//! The widget's own corner of the page: an open Shadow DOM root on the host element (the page's
//! CSS and the widget's cannot touch each other), with the stylesheet adopted into it (no inline
//! `<style>`, so a strict `style-src 'self'` CSP is kept).

use wasm_bindgen::JsValue;
use web_sys::{CssStyleSheet, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

/// The host's shadow root, emptied (a remount), or a new one.
pub fn shadow_root(host: &HtmlElement) -> Result<ShadowRoot, JsValue> {
    if let Some(root) = host.shadow_root() {
        root.set_text_content(None); // not innerHTML: a Trusted Types sink
        return Ok(root);
    }
    host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
}

/// Adopts the widget's stylesheet into `root`.
pub fn adopt_styles(root: &ShadowRoot) -> Result<(), JsValue> {
    let sheet = CssStyleSheet::new()?;
    sheet.replace_sync(&crate::components::styles())?;
    root.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
    Ok(())
}

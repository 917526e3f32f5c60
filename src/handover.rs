//! Pay later, pressed in the offer module (the small module a checkout page loads first): the
//! widget goes over to the checkout module, which has the plans, the agreement and the order.
//! So that the shopper waits for one round trip, not two, the offer module starts eligibility at
//! once (on a client of its own, which its unmount does not abort) and asks `pay-later.js`, which
//! loads the checkout module meanwhile, to mount it on the same host with this handover: the
//! shopper's choice and the eligibility answer on its way. The checkout module takes the answer
//! if it was asked for the very request it would send (else it asks again).

use paylater_core::api::EligibilityRequest;
use wasm_bindgen::{JsCast, JsValue};

use leptos::prelude::*;

use paylater_core::client::RawResponse;

use crate::api::{ApiClient, prefetch};

/// The handover a widget was mounted with, in its context until the checkout takes it.
#[derive(Clone, Copy)]
pub struct HandedOver(StoredValue<Option<Handover>, LocalStorage>);

impl HandedOver {
    pub fn new(handover: Option<Handover>) -> HandedOver {
        HandedOver(StoredValue::new_local(handover))
    }

    /// Hands `handover` over (the checkout part of the same module takes it).
    pub fn put(&self, handover: Handover) {
        self.0.set_value(Some(handover));
    }

    /// The handover, once.
    pub fn take(&self) -> Option<Handover> {
        self.0.try_update_value(Option::take).flatten()
    }
}

/// What the offer module hands to the checkout module (the session token is not in it: both read
/// the loader's, crate::loader).
pub struct Handover {
    /// The body of the eligibility request that was sent (JSON).
    pub eligibility_body: String,
    /// Its answer: a promise of `{status, body}`, or of `null` if no answer came.
    pub eligibility: js_sys::Promise,
    /// The answer itself, when it came before the checkout module: `pay-later.js` keeps it beside
    /// the promise (`settled`), so that the checkout's first render shows the plans at once.
    pub settled: Option<RawResponse>,
}

/// An eligibility answer another module asked for: at hand, or on its way.
pub enum Early {
    Settled(RawResponse),
    Pending(js_sys::Promise),
}

fn get(object: &JsValue, name: &str) -> Option<JsValue> {
    js_sys::Reflect::get(object, &JsValue::from_str(name)).ok().filter(|v| v.is_object() || v.is_string())
}

impl Handover {
    /// Sends eligibility for `request` on a client of its own (its calls are not aborted when this
    /// widget is unmounted for the checkout module) and wraps the answer for the checkout module.
    pub fn start(client: &ApiClient, request: &EligibilityRequest) -> Handover {
        let detached = client.detached();
        let call = paylater_core::client::eligibility(request);
        // Never refused: a call that got no answer resolves to `null` (the checkout module then
        // asks again), so no unhandled rejection reaches the page before the module arrives.
        let eligibility = wasm_bindgen_futures::future_to_promise(async move {
            Ok(detached.send_raw(&call).await.map_or(JsValue::NULL, |answer| prefetch::to_js(&answer)))
        });
        Handover {
            eligibility_body: paylater_core::json::to_string(request).unwrap_or_default(),
            eligibility,
            settled: None,
        }
    }

    /// The handover `pay-later.js` passed to `mountHost` (`{eligibility: {body, answer, settled}}`),
    /// if any.
    pub fn from_js(value: &JsValue) -> Option<Handover> {
        let eligibility = get(value, "eligibility")?;
        Some(Handover {
            eligibility_body: get(&eligibility, "body")?.as_string()?,
            settled: get(&eligibility, "settled").and_then(|answer| prefetch::raw_of(&answer)),
            eligibility: get(&eligibility, "answer")?.dyn_into().ok()?,
        })
    }

    /// As `pay-later.js` passes it on.
    pub fn to_js(&self) -> JsValue {
        let eligibility = js_sys::Object::new();
        let _ =
            js_sys::Reflect::set(&eligibility, &JsValue::from_str("body"), &JsValue::from_str(&self.eligibility_body));
        let _ = js_sys::Reflect::set(&eligibility, &JsValue::from_str("answer"), &self.eligibility);
        let handover = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&handover, &JsValue::from_str("eligibility"), &eligibility);
        handover.into()
    }

    /// The eligibility answer on its way, if it was asked for `request` (the options may have
    /// changed since).
    pub fn eligibility_for(self, request: &EligibilityRequest) -> Option<Early> {
        let body = paylater_core::json::to_string(request).ok()?;
        (body == self.eligibility_body).then(|| match self.settled {
            Some(answer) => Early::Settled(answer),
            None => Early::Pending(self.eligibility),
        })
    }
}

/// The offer module: asks `pay-later.js` to give `host` to the checkout module with `handover`.
/// `false` when there is no loader on the page to ask (the widget was mounted without it).
pub fn request_checkout(host: &web_sys::HtmlElement, handover: &Handover) -> bool {
    match crate::loader::function("upgrade") {
        Some((loader, upgrade)) => upgrade.call2(&loader, host, &handover.to_js()).is_ok(),
        _ => false,
    }
}

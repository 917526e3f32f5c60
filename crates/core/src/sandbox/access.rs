//! Who may call the sandbox: the session tokens it answers besides the seeded demo shoppers
//! (private copies and the scale shoppers, made on first use, with a bound on how many), and the
//! demo merchant's stand-in server for demo pages that have none.

use time::OffsetDateTime;

use super::router::{HttpRequest, HttpResponse};
use super::seed::{DEMO_SECRET_KEY, SCALE_100_TOKEN, SCALE_BILLS, SCALE_TOKEN, scale_shopper};
use super::{Sandbox, Shopper};

/// At most this many shoppers (session copies included): a sandbox left running stays bounded.
const MAX_SHOPPERS: usize = 10_000;

impl Sandbox {
    /// The demo merchant's server, for demo pages that have none: a merchant API request
    /// (`path` with its query, e.g. `/v1/merchant/events?limit=50`) sent with the demo merchant's
    /// secret key. Only the in-browser mock uses it; a real merchant calls the provider from its
    /// own server, with a key that never reaches a browser.
    pub fn demo_merchant_request(
        &mut self,
        method: &str,
        path: &str,
        body: &str,
        idempotency_key: Option<&str>,
        now: OffsetDateTime,
    ) -> HttpResponse {
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        let authorization = format!("Bearer {DEMO_SECRET_KEY}");
        let request = HttpRequest {
            method,
            path,
            query,
            authorization: Some(&authorization),
            idempotency_key,
            origin: None,
            body: body.as_bytes(),
        };
        self.handle(&request, now)
    }

    /// The shopper behind `token` when it is not one yet: a private copy of a demo shopper for
    /// `<demo token>+<suffix>`, or the scale shopper, made now. `None` for anything else.
    pub(super) fn made_on_first_use(&self, token: &str) -> Option<Shopper> {
        let (base, suffix) = match token.split_once('+') {
            Some((base, suffix)) => (base, Some(suffix)),
            None => (token, None),
        };
        let bad_suffix =
            suffix.is_some_and(|s| s.is_empty() || s.len() > 64 || !s.bytes().all(|b| b.is_ascii_graphic()));
        if bad_suffix || self.templates.is_empty() || self.shoppers.len() >= MAX_SHOPPERS {
            return None;
        }
        let mut shopper = if base == SCALE_TOKEN {
            scale_shopper(self.seeded_on, &self.policy, SCALE_BILLS)
        } else if base == SCALE_100_TOKEN {
            scale_shopper(self.seeded_on, &self.policy, SCALE_BILLS / 10)
        } else {
            self.templates.get(base)?.clone()
        };
        if let Some(suffix) = suffix {
            shopper.id = format!("{}+{suffix}", shopper.id);
        }
        Some(shopper)
    }
}

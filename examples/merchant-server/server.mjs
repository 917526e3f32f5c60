// An example merchant server for the Pay Later widget: copy it, keep its shape, swap its store.
//
// It shows the one rule of taking money with pay later: **the browser is never the source of
// truth**. The page only reports "the shopper approved" (an event any script could forge); this
// server then captures the order with the provider, server to server, with its secret key and the
// amount from its OWN cart, and marks the order paid only when the provider says so. Webhooks
// (signed, retried) tell it about everything else: captures, cancellations, expiries, refunds.
//
//   node examples/merchant-server/server.mjs [--port 8090] [--api http://127.0.0.1:8787]
//        [--widget-dir dist | --widget-url https://widget.example.com/] [--shopper demo-good]
//
// Secrets come from the environment, never from the page:
//   PAYLATER_SECRET_KEY      sk_test_…  (default: the sandbox's published demo key)
//   PAYLATER_WEBHOOK_SECRET  whsec_…    (default: the sandbox's demo webhook secret)
//   SHOP_BACKOFFICE_TOKEN    the bearer token of this example's back-office calls (order lookup,
//                            refunds), standing in for a real shop's staff login
//
// Demo-only, and marked so below: who the shopper is. A real shop knows its signed-in customer
// and gets the shopper's pay-later session from the provider; this example takes a sandbox demo
// shopper's token (`?shopper=`, default demo-good) and keeps it server-side, handing it only to
// the browser that opened that checkout (a cookie ties the two).
//
// Plain Node (18+), no dependencies. Its store is in memory: a real shop keeps orders in its
// database and makes the capture idempotent with the same key if it crashes halfway.
// @ts-check
import { createServer } from 'node:http';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

// The demo checkout page (its HTML, CSS and script): the shop's own front end, not the part to copy.
import { CHECKOUT_JS, SHOP_CSS, checkoutPage } from './shop-page.mjs';

/**
 * @typedef {{ amount: string, currency: string }} Money a decimal string and its currency
 * @typedef {'awaiting_payment' | 'paid' | 'refused' | 'cancelled'} OrderStatus
 * @typedef {object} Order an order in the shop's own records
 * @property {string} id
 * @property {string} total the shop's own total, a decimal string
 * @property {string} currency
 * @property {OrderStatus} status awaiting_payment → paid | refused | cancelled
 * @property {string | null} authorization_id the provider's, once captured
 * @property {string} refunded the provider's refunded total, a decimal string
 * @property {{ at: string, what: string }[]} history
 * @property {string} shopper the shopper's session token with the provider (never sent to anyone else)
 * @property {string} session the browser's session with this shop (its cookie)
 * @typedef {object} ProviderBody what the provider's JSON answers carry (each answer some of it)
 * @property {string} [id] an authorization's or a refund's id
 * @property {string} [status] an authorization's status (`authorized`, `captured`, `cancelled`, `expired`)
 * @property {string} [code] a problem's error code (`amount_mismatch`, `not_found`, `invalid_state`…)
 * @property {string} [bill_id]
 * @property {Money} [amount] a refund's amount
 * @property {Money} [refunded_amount] an order's refunded total
 * @typedef {{ status: number, body: ProviderBody | null }} ProviderAnswer `status` 0: no answer
 * @typedef {{ status: 'paid' | 'pending' } | { status: 'refused', reason: string } | { status: 'error', message: string }} CaptureOutcome
 *   what the page is told after an approval
 * @typedef {object} WebhookEvent a signed event from the provider
 * @property {string} id
 * @property {string} type `order.captured`, `order.cancelled`, `order.expired`, `order.refunded`…
 * @property {{ id: string, order_id: string, refunded_amount: Money }} [order]
 * @property {{ amount?: Money }} [refund]
 * @typedef {import('node:http').ServerResponse} Response
 * @typedef {import('node:http').IncomingMessage} Request
 */

// ---- configuration ------------------------------------------------------------------------------
const args = process.argv.slice(2);
/**
 * The value after `--name` on the command line, else `fallback`.
 * @template {string | null} T
 * @param {string} name
 * @param {T} fallback
 * @returns {string | T}
 */
function option(name, fallback) {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}
const PORT = Number(option('port', process.env.PORT ?? '8090'));
const API = option('api', process.env.PAYLATER_API ?? 'http://127.0.0.1:8787').replace(/\/$/, '');
const WIDGET_DIR = option('widget-dir', null);
const WIDGET_URL = option('widget-url', WIDGET_DIR ? '/widget/' : 'http://127.0.0.1:8080/');
const SHOPPER = option('shopper', 'demo-good');
const MERCHANT_ID = 'M-DEMO-SHOP';
const SECRET_KEY = process.env.PAYLATER_SECRET_KEY ?? 'sk_test_demo_7f3a9c2e4b1d8e6f0a5b';
const WEBHOOK_SECRET = process.env.PAYLATER_WEBHOOK_SECRET ?? 'whsec_demo_4c8e1f7a2b9d3e6f5a0c';
const BACKOFFICE_TOKEN = process.env.SHOP_BACKOFFICE_TOKEN ?? 'backoffice-demo';
/** A webhook whose signature is older (or newer) than this is refused: a replayed recording. */
const SIGNATURE_TOLERANCE_SECONDS = 300;
/** How long one call to the provider may take, and how often an unanswered capture is retried. */
const CALL_TIMEOUT_MS = Number(process.env.PAYLATER_TIMEOUT_MS ?? 5000);
const CALL_TRIES = 3;

// ---- the shop's own records ---------------------------------------------------------------------
/** The cart every checkout sells (a real shop reads it from its database). */
const CART = {
  lines: [
    { name: '无线降噪耳机 Wireless headphones × 1', amount: '1199.00' },
    { name: '运费 Shipping', amount: '100.00' },
  ],
  total: '1299.00',
  currency: 'CNY',
};
/**
 * Orders by order id (see {@link Order}: the shopper's token and the browser's session are never
 * sent to anyone).
 * @type {Map<string, Order>}
 */
const orders = new Map();
/**
 * Webhook event ids already handled: each event is applied once, however often it arrives.
 * @type {Set<string>}
 */
const handledEvents = new Set();

/**
 * Opens an order for the cart.
 * @param {string} shopper the session token the provider gave for this shopper (demo: a sandbox
 *   demo shopper's token)
 * @param {string} session the browser's session with this shop (its cookie)
 * @returns {Order}
 */
function newOrder(shopper, session) {
  const id = `ORDER-${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`;
  /** @type {Order} */
  const order = {
    id,
    total: CART.total,
    currency: CART.currency,
    status: 'awaiting_payment',
    authorization_id: null,
    refunded: '0.00',
    history: [],
    shopper,
    session,
  };
  orders.set(id, order);
  return order;
}

/**
 * What the back office sees of an order: never the shopper's token or the browser's session.
 * @param {Order} order
 */
function orderView({ id, total, currency, status, authorization_id, refunded, history }) {
  return { id, total, currency, status, authorization_id, refunded, history };
}

// ---- money: decimal strings, counted in minor units (never floats) ------------------------------
/** @type {Record<string, number>} */
const MINOR_DIGITS = { JPY: 0, KRW: 0 };
/**
 * How many minor-unit digits `currency` has (2 unless listed above).
 * @param {string} currency
 */
const digitsOf = (currency) => MINOR_DIGITS[currency] ?? 2;
/**
 * "1299.00" → 129900n (CNY). Throws on anything that is not a plain decimal of the currency.
 * @param {unknown} amount what was sent (checked here)
 * @param {string} currency
 * @returns {bigint}
 */
function toMinor(amount, currency) {
  const digits = digitsOf(currency);
  const match = /^(\d{1,15})(?:\.(\d+))?$/.exec(String(amount));
  if (!match || (match[2] ?? '').length > digits) throw new Error(`not an amount in ${currency}: ${amount}`);
  return BigInt(match[1]) * 10n ** BigInt(digits) + BigInt((match[2] ?? '').padEnd(digits, '0') || '0');
}
/**
 * 129900n → "1299.00" (CNY).
 * @param {bigint} minor
 * @param {string} currency
 */
function fromMinor(minor, currency) {
  const digits = digitsOf(currency);
  if (digits === 0) return minor.toString();
  const text = minor.toString().padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
/**
 * Refund totals only grow: a late or reordered report never lowers what the shop recorded.
 * @param {Order} order
 * @param {string} providerTotal the provider's refunded total, a decimal string
 */
function recordRefunded(order, providerTotal) {
  if (toMinor(providerTotal, order.currency) > toMinor(order.refunded, order.currency)) {
    order.refunded = fromMinor(toMinor(providerTotal, order.currency), order.currency);
  }
}

/**
 * The browser's session with this shop: its cookie if it has one, else a new one to set.
 * @param {Request} req
 */
function browserSession(req) {
  const cookie = /(?:^|;\s*)shop_session=([0-9a-f-]{36})(?:;|$)/.exec(req.headers.cookie ?? '');
  return cookie ? { id: cookie[1], isNew: false } : { id: randomUUID(), isNew: true };
}
/**
 * The order `id`, if it was opened by this browser.
 * @param {Request} req
 * @param {string} id
 */
function ownOrder(req, id) {
  const order = orders.get(id);
  const cookie = browserSession(req);
  return order && !cookie.isNew && order.session === cookie.id ? order : null;
}
/**
 * Back-office calls: a real shop puts these behind its staff login.
 * @param {Request} req
 */
function isBackOffice(req) {
  const given = Buffer.from(String(req.headers.authorization ?? ''));
  const expected = Buffer.from(`Bearer ${BACKOFFICE_TOKEN}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Adds `what` to the order's history, and logs it.
 * @param {Order} order
 * @param {string} what
 */
function note(order, what) {
  order.history.push({ at: new Date().toISOString(), what });
  console.log(`order ${order.id}: ${what}`);
}

// ---- calling the provider (server to server, with the secret key) -------------------------------
/**
 * One call; `{ status, body }`, or `{ status: 0 }` when no answer came (timeout, dropped
 * connection) or the answer could not be read: the outcome is then unknown.
 * @param {string} method
 * @param {string} path
 * @param {object} [body] sent as JSON
 * @param {string} [idempotencyKey]
 * @returns {Promise<ProviderAnswer>}
 */
async function provider(method, path, body, idempotencyKey) {
  /** @type {Record<string, string>} */
  const headers = { authorization: `Bearer ${SECRET_KEY}`, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  try {
    const response = await fetch(`${API}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
    const text = await response.text();
    try {
      return { status: response.status, body: JSON.parse(text) };
    } catch {
      return { status: response.status >= 500 ? response.status : 0, body: null }; // unreadable
    }
  } catch {
    return { status: 0, body: null };
  }
}

/**
 * A call that moves money, tried again with the SAME Idempotency-Key while its outcome is unknown
 * (no answer, or a 5xx): the provider answers a repeat with the first result and never moves the
 * money twice.
 * @param {string} method
 * @param {string} path
 * @param {object} body sent as JSON
 * @param {string} idempotencyKey
 * @returns {Promise<ProviderAnswer>}
 */
async function providerOnce(method, path, body, idempotencyKey) {
  /** @type {ProviderAnswer} */
  let answer = { status: 0, body: null };
  for (let attempt = 1; attempt <= CALL_TRIES; attempt++) {
    answer = await provider(method, path, body, idempotencyKey);
    if (answer.status !== 0 && answer.status < 500) return answer;
    await new Promise((r) => setTimeout(r, 300 * attempt));
  }
  return answer;
}

/**
 * A money object of the provider's API: `amount` (a decimal string) in `currency`.
 * @type {(amount: string, currency: string) => Money}
 */
const money = (amount, currency) => ({ amount, currency });
/**
 * The provider's API path of the order `id`.
 * @param {string} id an order id
 */
const orderPath = (id) => `/v1/merchant/orders/${encodeURIComponent(id)}`;

/**
 * Captures the shop's order `order` for the authorization the page reported, with the shop's
 * own total. Returns what to tell the page.
 * @param {Order} order
 * @param {string} authorizationId
 * @returns {Promise<CaptureOutcome>}
 */
async function capture(order, authorizationId) {
  if (order.status === 'paid') return { status: 'paid' };
  const total = money(order.total, order.currency);
  const key = `capture-${order.id}-${authorizationId}`;
  const body = { authorization_id: authorizationId, order_amount: total, capture_amount: total };
  const answer = await providerOnce('POST', `${orderPath(order.id)}/capture`, body, key);
  if (answer.status === 200 && answer.body?.status === 'captured') {
    order.status = 'paid';
    order.authorization_id = answer.body.id ?? null;
    note(order, `captured ${order.total} ${order.currency} (authorization ${answer.body.id}, bill ${answer.body.bill_id})`);
    return { status: 'paid' };
  }
  const code = answer.body?.code;
  if (code === 'amount_mismatch') {
    // The shopper authorized another amount than this order's (a tampered page): nothing was
    // captured. Cancel the authorization so the shopper's limit is released, and refuse.
    const cancelled = await providerOnce('POST', `${orderPath(order.id)}/cancel`, { authorization_id: authorizationId }, `cancel-${authorizationId}`);
    order.status = 'refused';
    note(order, `refused: the authorization is not for ${order.total} ${order.currency}; cancelled it (${cancelled.status})`);
    return { status: 'refused', reason: 'amount_mismatch' };
  }
  if (code === 'not_found') {
    note(order, `refused: no authorization ${authorizationId} for this order (a forged or stale report)`);
    return { status: 'refused', reason: 'not_found' };
  }
  if (code === 'invalid_state' || answer.status === 0 || answer.status >= 500) {
    // Already captured (another tab, a retry), cancelled or expired, or no answer: look it up.
    const found = await provider('GET', orderPath(order.id));
    if (found.status === 200 && found.body?.id === authorizationId && found.body.status === 'captured') {
      order.status = 'paid';
      order.authorization_id = authorizationId;
      note(order, `captured (found on lookup: authorization ${authorizationId})`);
      return { status: 'paid' };
    }
    const ended = found.status === 200 ? found.body?.status : undefined;
    if (ended === 'cancelled' || ended === 'expired') {
      note(order, `refused: the authorization is ${ended}`);
      return { status: 'refused', reason: ended };
    }
    note(order, 'capture outcome unknown: waiting for the webhook');
    return { status: 'pending' };
  }
  if (answer.status === 401 || answer.status === 403) {
    note(order, `the provider refused our secret key (${answer.status}): check PAYLATER_SECRET_KEY`);
    return { status: 'error', message: 'The shop could not reach its payment provider. Nothing was charged; try again.' };
  }
  note(order, `capture refused: ${answer.status} ${code ?? ''}`);
  return { status: 'refused', reason: code ?? `http_${answer.status}` };
}

// ---- webhooks -----------------------------------------------------------------------------------
/**
 * Checks `PayLater-Signature: t=<unix>,v1=<hex>` over the exact bytes received.
 * @param {unknown} header the header as received (absent, repeated or malformed included)
 * @param {string} rawBody
 * @param {string} [secret]
 * @param {number} [now] in seconds since the epoch
 * @returns {'ok' | 'malformed' | 'stale' | 'mismatch'}
 */
export function verifySignature(header, rawBody, secret = WEBHOOK_SECRET, now = Date.now() / 1000) {
  const parts = Object.fromEntries(
    String(header ?? '')
      .split(',')
      .map((p) => p.trim().split('=')),
  );
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1) return 'malformed';
  if (Math.abs(now - t) > SIGNATURE_TOLERANCE_SECONDS) return 'stale';
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'ok' : 'mismatch';
}

/**
 * Applies a verified webhook event to the shop's records.
 * @param {WebhookEvent} event
 */
function applyEvent(event) {
  const order = orders.get(event.order?.order_id ?? '');
  if (!order) return; // another shop's test data, or an order this store does not know
  switch (event.type) {
    case 'order.captured':
      if (order.status !== 'paid') {
        order.status = 'paid';
        order.authorization_id = event.order?.id ?? null;
      }
      note(order, `webhook ${event.id}: captured`);
      break;
    case 'order.cancelled':
    case 'order.expired':
      if (order.status === 'awaiting_payment') order.status = 'cancelled';
      note(order, `webhook ${event.id}: ${event.type}`);
      break;
    case 'order.refunded':
      if (event.order) recordRefunded(order, event.order.refunded_amount.amount);
      note(order, `webhook ${event.id}: refunded ${event.refund?.amount?.amount ?? '?'} (in all ${order.refunded})`);
      break;
    default:
      note(order, `webhook ${event.id}: ${event.type}`);
  }
}

// ---- HTTP ---------------------------------------------------------------------------------------
/** @type {Record<string, string>} */
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

/**
 * Answers with `body` (JSON unless a string), under the checkout's strict CSP.
 * @param {Response} res
 * @param {number} status
 * @param {unknown} body
 * @param {string} [type]
 * @param {Record<string, string>} [extraHeaders]
 */
function send(res, status, body, type = 'application/json', extraHeaders = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    ...extraHeaders,
    'content-type': type,
    'cache-control': 'no-store',
    // The checkout runs under a strict policy: scripts from here (and the widget's origin) only,
    // and Trusted Types enforced with the widget's one policy allowed (no default policy).
    'content-security-policy': `default-src 'self'; script-src 'self' ${widgetOrigin()} 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self' ${widgetOrigin()} ${API}; require-trusted-types-for 'script'; trusted-types pay-later`,
  });
  res.end(text);
}

/** The widget's origin when it is served from elsewhere, for the CSP. */
function widgetOrigin() {
  return WIDGET_URL.startsWith('http') ? new URL(WIDGET_URL).origin : '';
}

/**
 * The request's body as text; throws past `limit` bytes.
 * @param {Request} req
 * @param {number} [limit]
 */
async function readBody(req, limit = 64 * 1024) {
  let size = 0;
  const chunks = [];
  for await (const chunk of req) {
    size += chunk.length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A file of the widget's build folder (`--widget-dir`), under `/widget/`.
 * @param {Response} res
 * @param {string} path
 * @param {string} dir
 */
async function serveWidgetFile(res, path, dir) {
  const root = resolve(dir);
  const file = normalize(join(root, path.replace(/^\/widget\//, '')));
  if (!file.startsWith(root)) return send(res, 403, { error: 'forbidden' });
  try {
    if (!(await stat(file)).isFile()) throw new Error('not a file');
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(body);
  } catch {
    send(res, 404, { error: 'not found' });
  }
}

/** The shop's HTTP server: the checkout page, its API, the provider's webhooks and the back office. */
export const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = url.pathname;
  try {
    if (req.method === 'GET' && path === '/') {
      // DEMO ONLY: the shopper from the address. A real shop uses its signed-in customer.
      const asked = url.searchParams.get('shopper') ?? '';
      const shopper = /^[\x21-\x7e]{1,80}$/.test(asked) ? asked : SHOPPER;
      const lang = url.searchParams.get('lang') === 'en' ? 'en' : 'zh-CN';
      const session = browserSession(req);
      const order = newOrder(shopper, session.id);
      note(order, 'checkout opened');
      /** @type {Record<string, string>} */
      const cookie = session.isNew ? { 'set-cookie': `shop_session=${session.id}; HttpOnly; SameSite=Strict; Path=/` } : {};
      return send(res, 200, checkoutPage(order, lang, CART, WIDGET_URL), TYPES['.html'], cookie);
    }
    if (req.method === 'GET' && path === '/checkout.js') return send(res, 200, CHECKOUT_JS, TYPES['.js']);
    if (req.method === 'GET' && path === '/shop.css') return send(res, 200, SHOP_CSS, TYPES['.css']);
    if (req.method === 'GET' && path.startsWith('/widget/') && WIDGET_DIR) return serveWidgetFile(res, path, WIDGET_DIR);
    if (req.method === 'GET' && path.startsWith('/api/checkout/')) {
      // Only to the browser that opened this checkout (its cookie): the token is the shopper's.
      const order = ownOrder(req, decodeURIComponent(path.slice('/api/checkout/'.length)));
      if (!order) return send(res, 404, { error: 'no such order in this browser: reload the checkout' });
      // What the page needs to mount the widget; the shopper's session token comes from the
      // provider (in the sandbox: a demo shopper's token).
      return send(res, 200, {
        order_id: order.id,
        amount: order.total,
        currency: order.currency,
        merchant_id: MERCHANT_ID,
        api_base_url: API,
        session_token: order.shopper,
      });
    }
    if (req.method === 'POST' && path === '/api/paylater/approved') {
      let report;
      try {
        report = JSON.parse(await readBody(req, 4096));
      } catch {
        return send(res, 400, { status: 'error', message: 'send {"order_id", "authorization_id"}' });
      }
      const order = ownOrder(req, String(report.order_id ?? ''));
      if (!order) return send(res, 404, { status: 'refused', reason: 'unknown_order' });
      const authorizationId = String(report.authorization_id ?? '');
      if (!/^[\x21-\x7e]{1,128}$/.test(authorizationId)) return send(res, 200, { status: 'refused', reason: 'not_found' });
      return send(res, 200, await capture(order, authorizationId));
    }
    if (req.method === 'POST' && path === '/webhooks/paylater') {
      const raw = await readBody(req);
      const verdict = verifySignature(req.headers['paylater-signature'], raw);
      if (verdict !== 'ok') {
        console.log(`webhook refused: signature ${verdict}`);
        return send(res, 400, { error: `signature ${verdict}` });
      }
      /** @type {WebhookEvent} */
      let event;
      try {
        event = JSON.parse(raw);
      } catch {
        return send(res, 400, { error: 'not JSON' });
      }
      if (handledEvents.has(event.id)) return send(res, 200, { received: true, duplicate: true });
      // Applied first, then remembered: an event that fails here answers 500, and the provider's
      // retry applies it (a real shop does both in one database transaction).
      applyEvent(event);
      handledEvents.add(event.id);
      return send(res, 200, { received: true });
    }
    // The back office (Authorization: Bearer SHOP_BACKOFFICE_TOKEN): look an order up, refund.
    if (path.startsWith('/api/orders/') && !isBackOffice(req)) {
      return send(res, 401, { error: 'back-office calls need Authorization: Bearer <SHOP_BACKOFFICE_TOKEN>' });
    }
    if (req.method === 'GET' && path.startsWith('/api/orders/')) {
      const order = orders.get(decodeURIComponent(path.slice('/api/orders/'.length)));
      return order ? send(res, 200, orderView(order)) : send(res, 404, { error: 'no such order' });
    }
    const refund = path.match(/^\/api\/orders\/([^/]+)\/refunds$/);
    if (req.method === 'POST' && refund) {
      const order = orders.get(decodeURIComponent(refund[1]));
      if (!order) return send(res, 404, { error: 'no such order' });
      let request;
      try {
        request = JSON.parse(await readBody(req, 4096));
        toMinor(request.amount, order.currency);
      } catch {
        return send(res, 400, { error: `send {"amount": "100.00", "reason": "…", "key": "…"}, the amount a decimal string in ${order.currency}` });
      }
      const { amount, reason = null, key = randomUUID() } = request;
      const answer = await providerOnce('POST', `${orderPath(order.id)}/refunds`, { amount: money(amount, order.currency), reason }, `refund-${key}`);
      if (answer.status === 201) {
        note(order, `refunded ${answer.body?.amount?.amount} (${answer.body?.id})`);
        // The total is the provider's (a webhook may have counted this refund already).
        const found = await provider('GET', orderPath(order.id));
        const total = found.status === 200 ? found.body?.refunded_amount?.amount : undefined;
        if (total !== undefined) recordRefunded(order, total);
      }
      return send(res, answer.status || 504, answer.body ?? { error: 'no answer from the provider' });
    }
    if (req.method === 'GET' && path === '/health') return send(res, 200, { status: 'ready' });
    if (req.method === 'GET' && path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    return send(res, 404, { error: 'not found' });
  } catch (e) {
    console.error(e);
    return send(res, 500, { error: 'internal' });
  }
});

if (import.meta.url === `file://${process.argv[1]}`) {
  server.listen(PORT, '127.0.0.1', () => {
    console.log(`example merchant server on http://127.0.0.1:${PORT}/ (provider ${API}, widget ${WIDGET_URL})`);
    console.log(`webhooks: POST http://127.0.0.1:${PORT}/webhooks/paylater`);
  });
}

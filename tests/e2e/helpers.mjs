// Shared helpers for the end-to-end tests: the demo page pointed at the HTTP sandbox, the
// sandbox's API seen directly (to check what the widget shows against what the API holds), axe,
// and console-error collection.
import { expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/**
 * @import { APIRequestContext, APIResponse, Locator, Page } from '@playwright/test'
 * @import { BillStatus, Money, OrderStatus, PlanKind } from '../../types/pay-later'
 * @import { Order as ShopOrder } from '../../examples/merchant-server/server.mjs'
 */

// The API's JSON as openapi/openapi.yaml describes it, the fields the tests read: what a test reads
// out of an answer is typed at the answer (`/** @type {BillList} */ (await sandboxGet(…))`).
/**
 * @typedef {object} Installment one payment of a bill
 * @property {number} number
 * @property {string} due_date YYYY-MM-DD
 * @property {Money} amount its whole cost
 * @property {Money} paid what repayments paid of it so far
 * @property {Money} late_interest
 * @property {string} status `paid`, `due`…
 * @typedef {object} Bill `GET /v1/bills/{id}`
 * @property {string} id
 * @property {string} order_id the merchant's order id
 * @property {BillStatus} status
 * @property {PlanKind} plan
 * @property {string} annual_rate a decimal fraction
 * @property {string} late_interest_daily_rate a decimal fraction
 * @property {Money} refunded
 * @property {Money} late_interest owed
 * @property {Money} amount_left
 * @property {Installment[]} installments
 * @typedef {{ bills: Bill[], next_cursor: string | null }} BillList `GET /v1/bills`
 * @typedef {object} Order a pay-later order, as the shopper (`GET /v1/orders`) and the merchant see it
 * @property {string} id the authorization's id (`auth_…`)
 * @property {string} order_id the merchant's order id
 * @property {PlanKind} plan
 * @property {OrderStatus} status
 * @property {string | null} bill_id set once captured
 * @typedef {{ orders: Order[], next_cursor: string | null }} OrderList `GET /v1/orders`
 * @typedef {{ amount: Money }} Refund each of `GET /v1/refunds`
 * @typedef {object} WebhookEvent each of `GET /v1/merchant/events`
 * @property {string} id
 * @property {string} type `order.captured`, `order.refunded`…
 * @property {Order} order
 * @typedef {{ events: WebhookEvent[], next_cursor: string | null }} EventList `GET /v1/merchant/events`
 */

export const SANDBOX = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT ?? 8797}`;
export const SHORT_QUOTES_SANDBOX = `http://127.0.0.1:${process.env.E2E_SHORT_QUOTES_PORT ?? 8798}`;
export const SHOTS = 'tests/e2e/screenshots';
/// A sandbox whose provider charges other fees (installments_12 at 6 %, installments_3 free).
/** A sandbox whose clock the autopay journey moves ahead. */
export const CLOCK_SANDBOX = `http://127.0.0.1:${process.env.E2E_CLOCK_PORT ?? 8796}`;
export const OTHER_FEES_SANDBOX = `http://127.0.0.1:${process.env.E2E_FEES_PORT ?? 8799}`;
/// The example merchant server (examples/merchant-server), talking to SANDBOX.
export const MERCHANT = `http://127.0.0.1:${process.env.E2E_MERCHANT_PORT ?? 4175}`;
/// The sandbox's published demo merchant key: only ever sent from the test runner (a server), never
/// from a page.
export const SECRET_KEY = 'sk_test_demo_7f3a9c2e4b1d8e6f0a5b';

/// The example merchant server's back-office token (its default: SHOP_BACKOFFICE_TOKEN unset).
export const BACKOFFICE = { authorization: 'Bearer backoffice-demo' };

/**
 * The example shop's own record of `orderId`, through its back office.
 * @param {APIRequestContext} request
 * @param {string} orderId
 * @returns {Promise<Omit<ShopOrder, 'shopper' | 'session'>>} what its back office shows
 */
export async function shopOrder(request, orderId) {
  const response = await request.get(`${MERCHANT}/api/orders/${orderId}`, { headers: BACKOFFICE });
  expect(response.status(), `the shop's order ${orderId}`).toBe(200);
  return response.json();
}

/**
 * The example shop's back office refunds part of `orderId`.
 * @param {APIRequestContext} request
 * @param {string} orderId
 * @param {{ amount: string, reason?: string, key?: string }} data what the back office sends
 * @returns {Promise<APIResponse>}
 */
export function shopRefund(request, orderId, data) {
  return request.post(`${MERCHANT}/api/orders/${orderId}/refunds`, { headers: BACKOFFICE, data });
}

/**
 * Opens the demo checkout page as `shopper`, talking to the HTTP sandbox (`api: null`: to the
 * page's in-browser mock).
 * @param {Page} page
 * @param {{ shopper?: string, lang?: string, api?: string | null }} [options]
 * @returns {Promise<Locator>} the checkout widget
 */
export async function openCheckout(page, { shopper = 'demo-good', lang = 'en', api = SANDBOX } = {}) {
  const query = new URLSearchParams({ shopper, lang });
  if (api) query.set('api', api);
  await page.goto(`/?${query}`);
  const widget = page.getByRole('region', { name: lang === 'en' ? 'Pay later' : '先享后付', exact: true });
  await expect(widget).toBeVisible();
  return widget;
}

/**
 * GETs `path` from the sandbox as `shopper`: its JSON answer.
 * @param {APIRequestContext} request
 * @param {string} shopper
 * @param {string} path
 * @param {string} [base] the sandbox's origin
 */
export async function sandboxGet(request, shopper, path, base = SANDBOX) {
  const response = await request.get(`${base}${path}`, { headers: { authorization: `Bearer ${shopper}` } });
  expect(response.ok()).toBeTruthy();
  return response.json();
}

/**
 * POSTs `body` to the sandbox as `shopper` (with an Idempotency-Key when given): its status and
 * JSON answer.
 * @param {APIRequestContext} request
 * @param {string} shopper
 * @param {string} path
 * @param {object} body
 * @param {string} [key]
 */
export async function sandboxPost(request, shopper, path, body, key) {
  /** @type {Record<string, string>} */
  const headers = { authorization: `Bearer ${shopper}` };
  if (key) headers['idempotency-key'] = key;
  const response = await request.post(`${SANDBOX}${path}`, { headers, data: body });
  return { status: response.status(), body: await response.json() };
}

/**
 * Calls the merchant API as the merchant's server does: with the secret key, no browser Origin.
 * @param {APIRequestContext} request
 * @param {string} method
 * @param {string} path
 * @param {{ body?: object, key?: string }} [options] the JSON body, the Idempotency-Key
 * @param {string} [base] the sandbox's origin
 */
export async function merchantCall(request, method, path, { body, key } = {}, base = SANDBOX) {
  /** @type {Record<string, string>} */
  const headers = { authorization: `Bearer ${SECRET_KEY}` };
  if (key) headers['idempotency-key'] = key;
  const response = await request.fetch(`${base}${path}`, { method, headers, data: body });
  return { status: response.status(), body: await response.json() };
}

/**
 * The merchant's server captures `orderId` with the total from its own records.
 * @param {APIRequestContext} request
 * @param {string} orderId
 * @param {string} authorizationId
 * @param {string} total a decimal string
 * @param {string} [currency]
 */
export async function captureOrder(request, orderId, authorizationId, total, currency = 'CNY') {
  const amount = { amount: total, currency };
  const answer = await merchantCall(request, 'POST', `/v1/merchant/orders/${encodeURIComponent(orderId)}/capture`, {
    body: { authorization_id: authorizationId, order_amount: amount, capture_amount: amount },
    key: `capture-${orderId}`,
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

/**
 * Fails on any axe violation, listing them.
 * @param {Page} page
 */
export async function expectNoAxeViolations(page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(' | ')})`)).toEqual([]);
}

/**
 * Collects console errors and page errors; the returned function asserts there were none.
 * @param {Page} page
 * @returns {() => void}
 */
export function watchConsole(page) {
  /** @type {string[]} */
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  return () => expect(errors, 'no console errors').toEqual([]);
}

/**
 * The widget's checkout status (data-status).
 * @param {Page} page
 */
export function checkoutStatus(page) {
  return page.locator('.plw-checkout');
}

/**
 * Formats a decimal string as the widget does: ¥1,299.00.
 * @param {string} amount
 */
export function yuan(amount) {
  const [whole, fraction] = amount.split('.');
  return `¥${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/**
 * Formats a YYYY-MM-DD date as the widget does in English: Dec 22, 2026.
 * @param {string} iso
 */
export function englishDate(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return `${MONTHS[m - 1]} ${d}, ${y}`;
}

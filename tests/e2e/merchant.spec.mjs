// The merchant's side, end to end: the example merchant server (examples/merchant-server) serves
// its own checkout with the built widget, captures with its own cart total when the page reports
// an approval, and applies signed webhooks from the sandbox. A tampered amount and a forged event
// ship nothing; webhooks with a bad signature or an old timestamp are refused; a replayed event is
// applied once.
import { createHmac } from 'node:crypto';
import { test, expect } from '@playwright/test';
import { BACKOFFICE, MERCHANT, SHOTS, expectNoAxeViolations, merchantCall, sandboxGet, shopOrder, shopRefund, watchConsole } from './helpers.mjs';

/**
 * @import { Locator, Page } from '@playwright/test'
 * @import { BillList, EventList, Order, WebhookEvent } from './helpers.mjs'
 */

const WEBHOOK_SECRET = 'whsec_demo_4c8e1f7a2b9d3e6f5a0c';
let counter = 0;

/**
 * Opens the example shop's checkout as a fresh copy of demo-good; its order id and the widget.
 * @param {Page} page
 */
async function openShop(page) {
  const shopper = `demo-good+shop-${Date.now().toString(36)}-${counter++}`;
  await page.goto(`${MERCHANT}/?shopper=${encodeURIComponent(shopper)}&lang=en`);
  const orderId = await page.locator('main').getAttribute('data-order-id');
  if (!orderId) throw new Error("the shop's page names no order (data-order-id)");
  const widget = page.getByRole('region', { name: 'Pay later', exact: true });
  await expect(widget.getByRole('button', { name: 'Pay later' })).toBeVisible();
  return { shopper, orderId, widget, shopStatus: page.locator('#shop-status') };
}

/** @param {Locator} widget */
async function confirmPayLater(widget) {
  await widget.getByRole('button', { name: 'Pay later' }).click();
  await widget.getByRole('radio', { name: /3 monthly installments/ }).check();
  await widget.getByRole('button', { name: 'Confirm pay later' }).click();
  await expect(widget.getByRole('heading', { name: 'Order placed' })).toBeVisible();
}

/**
 * The Paylater-Signature header of `body` at `t` (seconds) with `secret`.
 * @param {string} body
 * @param {number} [t]
 * @param {string} [secret]
 */
function sign(body, t = Math.floor(Date.now() / 1000), secret = WEBHOOK_SECRET) {
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/** @type {() => void} set before each test */
let noConsoleErrors;
test.beforeEach(({ page }) => {
  noConsoleErrors = watchConsole(page);
});
test.afterEach(() => noConsoleErrors());

test('the shop captures with its own total: paid, and the shopper owes the bill', async ({ page, request }) => {
  const { shopper, orderId, widget, shopStatus } = await openShop(page);
  await confirmPayLater(widget);
  await expect(shopStatus).toHaveAttribute('data-status', 'paid', { timeout: 15_000 });
  await expect(shopStatus).toContainText(`Paid: your order ${orderId} is confirmed.`);
  // The widget follows the order until the shop's capture.
  await expect(widget.getByRole('heading', { name: 'Pay later confirmed by the shop' })).toBeVisible({ timeout: 15_000 });
  /** @type {Order} */
  const order = (await merchantCall(request, 'GET', `/v1/merchant/orders/${orderId}`)).body;
  expect(order).toMatchObject({ status: 'captured', captured_amount: { amount: '1299.00', currency: 'CNY' } });
  const bill = await sandboxGet(request, shopper, `/v1/bills/${order.bill_id}`);
  expect(bill.principal.amount).toBe('1299.00');
  await expect(widget.getByText(/^Your first payment of ¥443\.\d\d is due on/)).toBeVisible();
  // The sandbox's signed webhook reached the shop too.
  await expect.poll(async () => (await shopOrder(request, orderId)).history.some((h) => /webhook evt_\d+: captured/.test(h.what))).toBe(true);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/merchant-paid-1280.png`, fullPage: true });
});

test('a tampered amount: the shop refuses to mark it paid, the shopper owes nothing, the hold is released', async ({ page, request }) => {
  const { shopper, orderId, widget, shopStatus } = await openShop(page);
  const before = (await sandboxGet(request, shopper, '/v1/me')).credit_limit.available;
  // The shopper edits the amount in devtools before confirming.
  await page.evaluate(() => {
    const host = document.getElementById('pay-later');
    if (!host) throw new Error("no #pay-later on the shop's page");
    host.setAttribute('data-amount', '1.00');
  });
  await expect(widget.getByTestId('order-total')).toHaveText('¥1.00');
  await confirmPayLater(widget);
  // The shop captured with ITS total (¥1,299.00): amount_mismatch, so it cancelled and refused.
  await expect(shopStatus).toHaveAttribute('data-status', 'refused', { timeout: 15_000 });
  await expect(shopStatus).toContainText('The shop did not accept this payment (amount_mismatch). You owe nothing.');
  expect((await shopOrder(request, orderId)).status).toBe('refused');
  const order = (await merchantCall(request, 'GET', `/v1/merchant/orders/${orderId}`)).body;
  expect(order).toMatchObject({ status: 'cancelled', amount: { amount: '1.00' }, bill_id: null });
  /** @type {BillList} */
  const { bills } = await sandboxGet(request, shopper, '/v1/bills?status=all');
  expect(
    bills.filter((b) => b.order_id === orderId),
    'no bill: the shopper owes nothing',
  ).toHaveLength(0);
  expect((await sandboxGet(request, shopper, '/v1/me')).credit_limit.available, 'the hold is released').toEqual(before);
  // The widget tells the shopper too.
  await expect(widget.getByRole('heading', { name: 'Order cancelled by the shop' })).toBeVisible({ timeout: 15_000 });
  await page.screenshot({ path: `${SHOTS}/merchant-tampered-refused-1280.png`, fullPage: true });
});

test('a forged paylater:approved ships nothing', async ({ page, request }) => {
  const { orderId, shopStatus } = await openShop(page);
  await page.evaluate(() => {
    const forged = new CustomEvent('paylater:approved', { bubbles: true, detail: { authorization_id: 'auth_999999', status: 'authorized' } });
    const host = document.getElementById('pay-later');
    if (!host) throw new Error("no #pay-later on the shop's page");
    host.dispatchEvent(forged);
  });
  await expect(shopStatus).toHaveAttribute('data-status', 'refused', { timeout: 15_000 });
  await expect(shopStatus).toContainText('not_found');
  // The shop's order is not paid (a real payment may still come), and no pay-later order exists.
  expect((await shopOrder(request, orderId)).status).toBe('awaiting_payment');
  expect((await merchantCall(request, 'GET', `/v1/merchant/orders/${orderId}`)).status, 'no pay-later order exists').toBe(404);
});

test('webhooks: a bad signature or an old timestamp is refused; a replayed event is applied once', async ({ page, request }) => {
  const { orderId, widget, shopStatus } = await openShop(page);
  await confirmPayLater(widget);
  await expect(shopStatus).toHaveAttribute('data-status', 'paid', { timeout: 15_000 });
  // The shop refunds part of it from its back office.
  const refunded = await shopRefund(request, orderId, { amount: '99.00', reason: 'returned', key: `r-${orderId}` });
  expect(refunded.status()).toBe(201);
  // The event as the sandbox sent it (fetched from the event list, as a shop that missed it would).
  /** @type {WebhookEvent[]} */
  const events = [];
  for (let cursor = /** @type {string | null} */ (null), first = true; first || cursor; first = false) {
    /** @type {EventList} */
    const page = (await merchantCall(request, 'GET', `/v1/merchant/events?limit=200${cursor ? `&cursor=${cursor}` : ''}`)).body;
    events.push(...page.events);
    cursor = page.next_cursor;
  }
  const event = events.find((e) => e.type === 'order.refunded' && e.order.order_id === orderId);
  if (!event) throw new Error(`no order.refunded event for ${orderId}`);
  const body = JSON.stringify(event);
  const post = (/** @type {string} */ signature, data = body) =>
    request.post(`${MERCHANT}/webhooks/paylater`, { headers: { 'content-type': 'application/json', 'paylater-signature': signature }, data });
  // Another secret, a changed body, an old timestamp, no signature: all refused.
  expect((await post(sign(body, undefined, 'whsec_wrong'))).status()).toBe(400);
  expect((await post(sign(body), body.replace('99.00', '1.00'))).status()).toBe(400);
  const old = await post(sign(body, Math.floor(Date.now() / 1000) - 600));
  expect(old.status()).toBe(400);
  expect(await old.json()).toEqual({ error: 'signature stale' });
  expect((await post('')).status()).toBe(400);
  // The genuine event, delivered again (the sandbox already delivered it, or it arrives now): once.
  expect((await post(sign(body))).status()).toBe(200);
  const again = await post(sign(body));
  expect(again.status()).toBe(200);
  expect(await again.json()).toEqual({ received: true, duplicate: true });
  await expect.poll(async () => (await shopOrder(request, orderId)).history.filter((h) => h.what.startsWith(`webhook ${event.id}:`)).length).toBe(1);
  expect((await shopOrder(request, orderId)).refunded).toBe('99.00');
  // An event the shop fails to apply answers 500 and is not remembered: its retry is applied.
  const retried = { ...event, id: `${event.id}_retry_${Date.now()}`, order: { ...event.order, refunded_amount: { amount: '150.00', currency: 'CNY' } } };
  const broken = JSON.stringify({ ...retried, order: { ...retried.order, refunded_amount: null } });
  expect((await post(sign(broken), broken)).status(), 'a failure to apply is a 500').toBe(500);
  const fixed = JSON.stringify(retried);
  const applied = await post(sign(fixed), fixed);
  expect(await applied.json(), 'the retry is applied, not taken for a duplicate').toEqual({ received: true });
  expect((await shopOrder(request, orderId)).refunded).toBe('150.00');
});

test("the shop keeps the shopper's session to the browser that opened the checkout, and its back office behind a token", async ({
  page,
  request,
  playwright,
}) => {
  const { shopper, orderId, widget } = await openShop(page);
  await confirmPayLater(widget);
  // Another browser (no cookie of this checkout) gets neither the shopper's token nor a capture.
  const stranger = await playwright.request.newContext();
  try {
    const checkout = await stranger.get(`${MERCHANT}/api/checkout/${orderId}`);
    expect(checkout.status()).toBe(404);
    expect(await checkout.text()).not.toContain(shopper);
    const report = await stranger.post(`${MERCHANT}/api/paylater/approved`, { data: { order_id: orderId, authorization_id: 'auth_000001' } });
    expect(report.status()).toBe(404);
    // The back office: no token, a wrong one, then the right one, whose view holds no secret.
    expect((await stranger.get(`${MERCHANT}/api/orders/${orderId}`)).status()).toBe(401);
    expect((await stranger.get(`${MERCHANT}/api/orders/${orderId}`, { headers: { authorization: 'Bearer backoffice-wrong' } })).status()).toBe(401);
    expect((await stranger.post(`${MERCHANT}/api/orders/${orderId}/refunds`, { data: { amount: '1.00' } })).status()).toBe(401);
    const view = await stranger.get(`${MERCHANT}/api/orders/${orderId}`, { headers: BACKOFFICE });
    expect(view.status()).toBe(200);
    const text = await view.text();
    expect(text).not.toContain(shopper);
    expect(Object.keys(JSON.parse(text)).sort()).toEqual(['authorization_id', 'currency', 'history', 'id', 'refunded', 'status', 'total']);
    // A refund amount that is not a decimal of the order's currency is refused before any call.
    const bad = await shopRefund(stranger, orderId, { amount: '1.005' });
    expect(bad.status()).toBe(400);
  } finally {
    await stranger.dispose();
  }
  // The page that opened it did capture (the shop's own call, on the page's report).
  await expect.poll(async () => (await shopOrder(request, orderId)).status, { timeout: 15_000 }).toBe('paid');
});

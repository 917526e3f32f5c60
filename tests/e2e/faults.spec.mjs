// The fault matrix: every call the widget makes × every fault the HTTP sandbox can inject
// (500, a delay past the widget's timeout, the connection dropped after the request was applied,
// malformed JSON after it was applied, 401). For each cell the widget must show the documented
// message, then the true state once the fault is gone, and the API must hold at most one payment.
//
// Faults are added to the widget's own requests on their way out (Playwright routes them with the
// sandbox's `X-Sandbox-Fault` header), only for the call under test, until the test heals them.
// The merchant server's own calls (capture, refund) cannot be routed from the page: their faults
// are armed in the sandbox (`POST /sandbox/faults`) for the next matching request, and the cell
// drives the example merchant server (examples/merchant-server), which must still capture or refund
// exactly once.
// Every cell runs as its own private copy of a demo shopper (`demo-good+<id>`), so cells never
// see each other's orders or repayments. The table is printed at the end.
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { MERCHANT, SANDBOX, SHOTS, merchantCall, sandboxGet, shopOrder, shopRefund } from './helpers.mjs';

/**
 * @import { APIRequestContext, Locator, Page } from '@playwright/test'
 * @import { PayLaterHandle, View } from '../../types/pay-later'
 * @import { CaptureOutcome } from '../../examples/merchant-server/server.mjs'
 * @import { Bill, EventList, Order, Refund, WebhookEvent } from './helpers.mjs'
 *
 * @typedef {'500' | 'delay' | 'drop' | 'malformed' | '401'} Fault
 * @typedef {{ hits: () => number, heal: () => void }} RoutedFaults a fault added to the widget's
 *   requests on their way out (injectFault): how many it met, and healing it
 * @typedef {{ hits: () => Promise<number>, heal: () => Promise<unknown> }} ArmedFaults a fault armed
 *   in the sandbox (armFault)
 * @typedef {{ page: Page, request: APIRequestContext, fault: Fault }} Cell what a cell's run gets
 * @typedef {object} RoutedCall a call the widget makes, faulted on its way out from the page
 * @property {string} method
 * @property {RegExp} path
 * @property {undefined} [armed]
 * @property {(this: { faults: RoutedFaults }, cell: Cell) => Promise<void>} run the journey, its
 *   fault in `this.faults`
 * @typedef {object} ArmedCall a call the merchant server makes, faulted in the sandbox
 * @property {true} armed
 * @property {(this: { faults: ArmedFaults | null }, cell: Cell) => Promise<void>} run the journey,
 *   which arms its fault (`this.faults`)
 * @typedef {typeof window & { __handle: PayLaterHandle, __expired: number }} FaultHooks the page
 *   as mountWidget leaves it: the widget's handle, and how many paylater:sessionexpired it sent
 */

const TIMEOUT_MS = 1000;
// In the order of the table's columns (an object would put the numeric names first).
/** @type {Fault[]} */
const FAULT_ORDER = ['500', 'delay', 'drop', 'malformed', '401'];
/** @type {Record<Fault, string>} the X-Sandbox-Fault header (and `fault` of POST /sandbox/faults) */
const FAULTS = {
  500: '500',
  delay: `delay=${TIMEOUT_MS * 3}`,
  drop: 'drop',
  malformed: 'malformed',
  401: '401',
};
// What a shopper reads when a call that changes nothing fails (src/i18n.rs).
/** @type {Record<Fault, string>} */
const READ_MESSAGE = {
  500: 'The pay-later service is having trouble.',
  delay: 'The pay-later service took too long to answer.',
  drop: "We couldn't reach the pay-later service.",
  malformed: 'The pay-later service is having trouble.',
  401: 'Your session has expired.',
};
const ORDER_UNCONFIRMED = "We couldn't confirm whether your order went through.";
const PAYMENT_UNCONFIRMED = "We couldn't confirm whether your payment went through.";

// Results go to a file: a failed test restarts the worker (and its memory), the table must not.
const RESULTS = 'test-results/fault-matrix.json';
/** @returns {Record<string, 'pass' | 'FAIL'>} each cell's result (`call|fault`), so far */
const readResults = () => (fs.existsSync(RESULTS) ? JSON.parse(fs.readFileSync(RESULTS, 'utf8')) : {});
let cellCounter = 0;

/**
 * Mounts one widget on the demo page (its own demo widgets removed) as a fresh copy of `shopper`.
 * @param {Page} page
 * @param {{ view: View, shopper: string }} options
 */
async function mountWidget(page, { view, shopper }) {
  const token = `${shopper}+fault-${Date.now().toString(36)}-${cellCounter++}`;
  const orderId = `FAULT-${Date.now().toString(36)}-${cellCounter}`;
  await page.goto('/?lang=en');
  await page.waitForFunction(() => globalThis.PayLater);
  await page.evaluate(
    ({ view, token, api, orderId, timeoutMs }) => {
      const hooks = /** @type {FaultHooks} */ (window);
      for (const el of document.querySelectorAll('[data-pay-later]')) {
        if (!(el instanceof HTMLElement)) throw new Error('a [data-pay-later] element that is not HTML');
        globalThis.PayLater.unmount(el);
        el.remove();
      }
      const el = document.createElement('div');
      el.id = 'under-test';
      const main = document.querySelector('main');
      if (!main) throw new Error('the page has no <main>');
      main.append(el);
      hooks.__expired = 0;
      el.addEventListener('paylater:sessionexpired', () => hooks.__expired++);
      hooks.__handle = globalThis.PayLater.mount(el, {
        amount: '1299.00',
        currency: 'CNY',
        locale: 'en',
        apiBaseUrl: api,
        sessionToken: token,
        timeoutMs,
        view,
        merchantId: 'M-DEMO-SHOP',
        orderId,
      });
    },
    { view, token, api: SANDBOX, orderId, timeoutMs: TIMEOUT_MS },
  );
  return { widget: page.locator('#under-test'), token, orderId };
}

/**
 * Adds `fault` to the widget's `method` requests whose path matches `path`, until healed.
 * @param {Page} page
 * @param {{ method: string, path: RegExp, fault: Fault }} options
 * @returns {Promise<RoutedFaults>}
 */
async function injectFault(page, { method, path, fault }) {
  const state = { on: true, hits: 0 };
  const origin = new URL(SANDBOX).origin;
  await page.route(
    (url) => url.origin === origin && path.test(url.pathname),
    async (route) => {
      const request = route.request();
      if (request.method() !== method || !state.on) return route.fallback();
      state.hits++;
      await route.continue({ headers: { ...request.headers(), 'x-sandbox-fault': FAULTS[fault] } });
    },
  );
  return {
    hits: () => state.hits,
    heal: () => {
      state.on = false;
    },
  };
}

/**
 * After a 401 the merchant's page renews the session: the widget was told by an event.
 * @param {Page} page
 * @param {string} token
 */
async function renewSession(page, token) {
  await expect.poll(() => page.evaluate(() => /** @type {FaultHooks} */ (window).__expired)).toBeGreaterThan(0);
  await page.evaluate((t) => /** @type {FaultHooks} */ (window).__handle.update({ sessionToken: t }), token);
}

/**
 * A read failed: its message in words, then (fault gone) either a renewed session or "Try again"
 * brings the true state.
 * @param {Page} page
 * @param {Locator} area where the message shows
 * @param {Fault} fault
 * @param {RoutedFaults} faults
 * @param {string} token
 */
async function expectReadRecovers(page, area, fault, faults, token) {
  await expect(area.getByRole('alert').filter({ hasText: READ_MESSAGE[fault] })).toBeVisible({ timeout: 15_000 });
  expect(faults.hits()).toBeGreaterThan(0);
  faults.heal();
  if (fault === '401') {
    await renewSession(page, token);
  } else {
    await area.getByRole('button', { name: 'Try again' }).click();
  }
}

/** @param {Locator} widget */
async function checkoutToPlans(widget) {
  await widget.getByRole('button', { name: 'Pay later' }).click();
  await expect(widget.locator('.plw-checkout')).toHaveAttribute('data-status', 'eligible', { timeout: 15_000 });
}

/**
 * @param {APIRequestContext} request
 * @param {string} token
 * @returns {Promise<Bill[]>}
 */
async function billsOf(request, token) {
  return (await sandboxGet(request, token, '/v1/bills?status=all')).bills;
}

/**
 * @param {APIRequestContext} request
 * @param {string} token
 * @returns {Promise<Order[]>}
 */
async function ordersOf(request, token) {
  return (await sandboxGet(request, token, '/v1/orders?status=all&limit=200')).orders;
}

/**
 * Arms `fault` in the sandbox for the next `method` request to `path` (a merchant server's call).
 * @param {APIRequestContext} request
 * @param {{ method: string, path: string, fault: Fault }} options
 * @returns {Promise<ArmedFaults>}
 */
async function armFault(request, { method, path, fault }) {
  const armed = await request.post(`${SANDBOX}/sandbox/faults`, { data: { method, path, fault: FAULTS[fault], times: 1 } });
  expect(armed.status()).toBe(204);
  const remaining = async () => {
    /** @type {{ path: string, times: number }[]} the armed faults, with the requests each will still fail */
    const list = await (await request.get(`${SANDBOX}/sandbox/faults`)).json();
    return list.filter((a) => a.path === path).reduce((n, a) => n + a.times, 0);
  };
  return {
    hits: async () => 1 - (await remaining()),
    heal: () => request.delete(`${SANDBOX}/sandbox/faults`),
  };
}

/**
 * A checkout at the example merchant server: its order id and total, authorized by `token`.
 * @param {APIRequestContext} request
 * @param {string} token
 * @returns {Promise<{ orderId: string, authorization: Order }>}
 */
async function merchantCheckout(request, token) {
  const page = await (await request.get(`${MERCHANT}/?shopper=${encodeURIComponent(token)}&lang=en`)).text();
  const named = /data-order-id="([^"]+)"/.exec(page);
  if (!named) throw new Error(`the shop's page names no order: ${page.slice(0, 200)}`);
  const orderId = named[1];
  /** @type {{ amount: string, currency: string }} the shop's checkout session (its total) */
  const session = await (await request.get(`${MERCHANT}/api/checkout/${orderId}`)).json();
  const authorize = await request.post(`${SANDBOX}/v1/orders`, {
    headers: { authorization: `Bearer ${token}`, 'idempotency-key': `auth-${orderId}` },
    data: { merchant_id: 'M-DEMO-SHOP', order_id: orderId, amount: { amount: session.amount, currency: session.currency }, plan: 'installments_3' },
  });
  expect(authorize.status()).toBe(201);
  return { orderId, authorization: await authorize.json() };
}

/**
 * Every event of the demo merchant, page after page.
 * @param {APIRequestContext} request
 */
async function allEvents(request) {
  /** @type {WebhookEvent[]} */
  const events = [];
  /** @type {string | null} */
  let cursor = null;
  do {
    /** @type {EventList} */
    const page = (await merchantCall(request, 'GET', `/v1/merchant/events?limit=200${cursor ? `&cursor=${cursor}` : ''}`)).body;
    events.push(...page.events);
    cursor = page.next_cursor;
  } while (cursor);
  return events;
}

/**
 * The page reports the approval to the example merchant server; its answer.
 * @param {APIRequestContext} request
 * @param {string} orderId
 * @param {string} authorizationId
 * @returns {Promise<CaptureOutcome>}
 */
async function reportApproval(request, orderId, authorizationId) {
  const answer = await request.post(`${MERCHANT}/api/paylater/approved`, { data: { order_id: orderId, authorization_id: authorizationId } });
  return answer.json();
}

/**
 * @param {Page} page
 * @param {Locator} widget
 */
async function openDialog(page, widget) {
  await widget.getByTestId('bill-list').waitFor();
  await widget.locator('[data-bill-id="bill_on_schedule"]').getByRole('button', { name: 'Repay early' }).click();
  const dialog = page.getByRole('dialog', { name: 'Repay early' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/**
 * Each call: how to reach it, its request, and how to check recovery.
 * @type {Record<string, RoutedCall | ArmedCall>}
 */
const CALLS = {
  profile: {
    method: 'GET',
    path: /^\/v1\/me$/,
    async run({ page, fault }) {
      const { widget, token } = await mountWidget(page, { view: 'bills', shopper: 'demo-good' });
      const faults = this.faults;
      await expectReadRecovers(page, widget.locator('.plw-bills__head'), fault, faults, token);
      await expect(widget.getByTestId('credit-limit')).toHaveText(/^Available limit ¥[\d,]+\.\d\d of ¥20,000\.00$/);
    },
  },
  eligibility: {
    method: 'POST',
    path: /^\/v1\/eligibility$/,
    async run({ page, fault }) {
      const { widget, token } = await mountWidget(page, { view: 'checkout', shopper: 'demo-good' });
      await widget.getByRole('button', { name: 'Pay later' }).click();
      await expectReadRecovers(page, widget, fault, this.faults, token);
      await expect(widget.locator('.plw-checkout')).toHaveAttribute('data-status', 'eligible');
      await expect(widget.getByRole('radio')).toHaveCount(4);
    },
  },
  agreement: {
    method: 'GET',
    path: /^\/v1\/agreement$/,
    async run({ page, fault }) {
      const { widget, token } = await mountWidget(page, { view: 'checkout', shopper: 'demo-new' });
      await checkoutToPlans(widget);
      await expectReadRecovers(page, widget, fault, this.faults, token);
      await expect(widget.getByRole('region', { name: /Pay Later Service Agreement/ })).toContainText('提前还款 Early repayment');
    },
  },
  activation: {
    method: 'POST',
    path: /^\/v1\/activation$/,
    async run({ page, request, fault }) {
      const { widget, token, orderId } = await mountWidget(page, { view: 'checkout', shopper: 'demo-new' });
      await checkoutToPlans(widget);
      await widget.getByRole('checkbox', { name: /I have read and accept the service agreement/ }).check();
      let sent = 0;
      page.on('request', (r) => {
        if (r.method() === 'POST' && new URL(r.url()).pathname === '/v1/activation') sent++;
      });
      await widget.getByRole('button', { name: 'Confirm pay later' }).click();
      const faults = this.faults;
      // Accepting the agreement moves no money: its failures read like any other.
      await expect(widget.getByRole('alert').filter({ hasText: READ_MESSAGE[fault] })).toBeVisible({ timeout: 15_000 });
      // One click sends the acceptance once, and once more only when no answer came (an error the
      // server answered, 500 or 401, says what happened): never the client's read retries on top.
      expect(sent).toBe(fault === '401' || fault === '500' ? 1 : 2);
      expect(await ordersOf(request, token)).toHaveLength(0);
      faults.heal();
      if (fault === '401') await renewSession(page, token);
      await widget.getByRole('button', { name: 'Confirm pay later' }).click();
      await expect(widget.getByTestId('confirmed')).toBeVisible();
      const me = await sandboxGet(request, token, '/v1/me');
      expect(me.activation).toBe('activated');
      expect((await ordersOf(request, token)).filter((o) => o.order_id === orderId)).toHaveLength(1);
    },
  },
  order: {
    method: 'POST',
    path: /^\/v1\/orders$/,
    async run({ page, request, fault }) {
      const { widget, token, orderId } = await mountWidget(page, { view: 'checkout', shopper: 'demo-good' });
      await checkoutToPlans(widget);
      await widget.getByRole('radio', { name: /^6 monthly installments/ }).check();
      await widget.getByRole('button', { name: 'Confirm pay later' }).click();
      const faults = this.faults;
      const status = widget.locator('.plw-checkout');
      if (fault === 'drop' || fault === 'malformed') {
        // The order was placed but its answer never arrived (nor the replay's): the widget finds
        // the order among the shopper's orders and says it is placed.
        await expect(widget.getByTestId('confirmed')).toBeVisible({ timeout: 15_000 });
        faults.heal();
      } else if (fault === 'delay') {
        // No answer in time: the widget says it is checking while it replays with the same key…
        await expect(status).toHaveAttribute('data-status', 'verifying', { timeout: 5_000 });
        await expect(widget.getByRole('button', { name: 'Checking whether your order went through…' })).toBeDisabled();
        // …and, no answer to that either: not "failed" but unknown. Only "Check again" (the same
        // order, the same key) is offered, and the plans are locked.
        await expect(status).toHaveAttribute('data-status', 'unconfirmed', { timeout: 15_000 });
        await expect(widget.getByRole('alert')).toContainText(ORDER_UNCONFIRMED);
        await expect(widget.getByRole('radio', { name: /^3 monthly installments/ })).toBeDisabled();
        await page.screenshot({ path: `${SHOTS}/fault-order-unconfirmed.png`, fullPage: true });
        faults.heal();
        await widget.getByRole('button', { name: 'Check again' }).click();
      } else {
        // 500 and 401: the API answered that nothing was done.
        await expect(widget.getByRole('alert').filter({ hasText: READ_MESSAGE[fault] })).toBeVisible({ timeout: 15_000 });
        expect(await ordersOf(request, token)).toHaveLength(0);
        faults.heal();
        if (fault === '401') await renewSession(page, token);
        await widget.getByRole('button', { name: 'Confirm pay later' }).click();
      }
      await expect(widget.getByTestId('confirmed')).toBeVisible({ timeout: 15_000 });
      // One order, on the plan chosen; the widget shows that authorization.
      const mine = (await ordersOf(request, token)).filter((o) => o.order_id === orderId);
      expect(mine).toHaveLength(1);
      expect(mine[0].plan).toBe('installments_6');
      await expect(widget.getByTestId('confirmed')).toHaveAttribute('data-authorization-id', mine[0].id);
    },
  },
  bills: {
    method: 'GET',
    path: /^\/v1\/bills$/,
    async run({ page, request, fault }) {
      const { widget, token } = await mountWidget(page, { view: 'bills', shopper: 'demo-good' });
      await expectReadRecovers(page, widget, fault, this.faults, token);
      const open = (await sandboxGet(request, token, '/v1/bills')).bills;
      await expect(widget.getByTestId('bill-list').locator('[data-bill-id]')).toHaveCount(open.length);
    },
  },
  quote: {
    method: 'POST',
    path: /^\/v1\/bills\/[^/]+\/quotes$/,
    async run({ page, fault }) {
      const { widget, token } = await mountWidget(page, { view: 'bills', shopper: 'demo-good' });
      const dialog = await openDialog(page, widget);
      await expectReadRecovers(page, dialog.locator('.plw-quote'), fault, this.faults, token);
      await expect(dialog.getByTestId('breakdown')).toBeVisible();
      await expect(dialog.getByRole('button', { name: /^Pay ¥/ })).toBeEnabled();
    },
  },
  'payment methods': {
    method: 'GET',
    path: /^\/v1\/payment-methods$/,
    async run({ page, fault }) {
      const { widget, token } = await mountWidget(page, { view: 'bills', shopper: 'demo-good' });
      const dialog = await openDialog(page, widget);
      await expectReadRecovers(page, dialog, fault, this.faults, token);
      await expect(dialog.getByRole('radio', { name: /China Merchants Bank/ })).toBeChecked();
      await expect(dialog.getByRole('button', { name: /^Pay ¥/ })).toBeEnabled();
    },
  },
  repayment: {
    method: 'POST',
    path: /^\/v1\/repayments$/,
    async run({ page, request, fault }) {
      const { widget, token } = await mountWidget(page, { view: 'bills', shopper: 'demo-good' });
      const dialog = await openDialog(page, widget);
      await expect(dialog.getByTestId('breakdown')).toBeVisible();
      const total = await dialog.getByTestId('quote-total').innerText();
      const faults = this.faults;
      await dialog.getByRole('button', { name: `Pay ${total}` }).click();
      if (fault === 'drop' || fault === 'malformed') {
        // Paid, but no readable answer (nor to the replay): found among the bill's records.
        await expect(dialog.getByTestId('receipt')).toBeVisible({ timeout: 15_000 });
        faults.heal();
      } else if (fault === 'delay') {
        await expect(dialog.getByRole('button', { name: 'Checking whether your payment went through…' })).toBeDisabled({ timeout: 5_000 });
        // A payment in flight cannot be walked away from.
        await expect(dialog.getByRole('button', { name: 'Close' })).toBeDisabled();
        await expect(dialog.getByTestId('repay-error')).toContainText(PAYMENT_UNCONFIRMED, { timeout: 15_000 });
        // No second payment for this quote can start: choices locked, only "Check again".
        await expect(dialog.getByRole('radio', { name: 'Settle the whole bill' })).toBeDisabled();
        await expect(dialog.getByRole('radio', { name: /Account balance/ })).toBeDisabled();
        await expect(dialog.getByRole('button', { name: /^Pay / })).toHaveCount(0);
        await page.screenshot({ path: `${SHOTS}/fault-repayment-unconfirmed.png` });
        faults.heal();
        await dialog.getByRole('button', { name: 'Check again' }).click();
      } else {
        await expect(dialog.getByTestId('repay-error')).toContainText(READ_MESSAGE[fault], { timeout: 15_000 });
        faults.heal();
        if (fault === '401') await renewSession(page, token);
        await dialog.getByRole('button', { name: `Pay ${total}` }).click();
      }
      const receipt = dialog.getByTestId('receipt');
      await expect(receipt).toBeVisible({ timeout: 15_000 });
      const { repayments } = await sandboxGet(request, token, '/v1/repayments?bill_id=bill_on_schedule');
      expect(repayments).toHaveLength(1);
      await expect(receipt).toHaveText(repayments[0].receipt_number);
      expect(total).toContain(repayments[0].amount.amount.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
    },
  },
  capture: {
    // The merchant server's capture (server to server), faulted in the sandbox.
    armed: true,
    async run({ request, fault }) {
      const token = `demo-good+fault-capture-${Date.now().toString(36)}-${cellCounter++}`;
      const { orderId, authorization } = await merchantCheckout(request, token);
      this.faults = await armFault(request, { method: 'POST', path: `/v1/merchant/orders/${orderId}/capture`, fault });
      let answer = await reportApproval(request, orderId, authorization.id);
      if (fault === '401') {
        // The provider refused the shop's key: the shop says so and has charged nothing…
        expect(answer.status).toBe('error');
        expect((await merchantCall(request, 'GET', `/v1/merchant/orders/${orderId}`)).body.status).toBe('authorized');
        // …and once the key works again, the same report captures.
        answer = await reportApproval(request, orderId, authorization.id);
      }
      // 500, no answer in time, a dropped connection or an unreadable answer: the shop retried
      // with the same Idempotency-Key (or looked the order up) and the order is paid.
      expect(answer.status).toBe('paid');
      const order = (await merchantCall(request, 'GET', `/v1/merchant/orders/${orderId}`)).body;
      expect(order).toMatchObject({ status: 'captured', id: authorization.id, captured_amount: { amount: '1299.00', currency: 'CNY' } });
      expect(
        (await billsOf(request, token)).filter((b) => b.order_id === orderId),
        'one capture, one bill',
      ).toHaveLength(1);
      const captured = (await allEvents(request)).filter((e) => e.type === 'order.captured' && e.order.order_id === orderId);
      expect(captured, 'one order.captured event').toHaveLength(1);
    },
  },
  refund: {
    // The shop's back office refunds part of a captured order; the refund call is faulted.
    armed: true,
    async run({ request, fault }) {
      const token = `demo-good+fault-refund-${Date.now().toString(36)}-${cellCounter++}`;
      const { orderId, authorization } = await merchantCheckout(request, token);
      expect((await reportApproval(request, orderId, authorization.id)).status).toBe('paid');
      this.faults = await armFault(request, { method: 'POST', path: `/v1/merchant/orders/${orderId}/refunds`, fault });
      const refund = () => shopRefund(request, orderId, { amount: '100.00', reason: 'one item returned', key: `refund-${orderId}` });
      let answer = await refund();
      if (fault === '401') {
        expect(answer.status()).toBe(401);
        answer = await refund(); // the same request, the same key
      }
      expect(answer.status()).toBe(201);
      const bill = (await billsOf(request, token)).find((b) => b.order_id === orderId);
      if (!bill) throw new Error(`no bill for ${orderId}`);
      /** @type {{ refunds: Refund[] }} */
      const { refunds } = await sandboxGet(request, token, `/v1/refunds?bill_id=${bill.id}`);
      expect(
        refunds.map((r) => r.amount.amount),
        'refunded once',
      ).toEqual(['100.00']);
      expect(bill.refunded.amount).toBe('100.00');
      // The shop's own books: the refund counted once, whether the webhook or the answer came first.
      await expect
        .poll(async () => (await shopOrder(request, orderId)).history.some((h) => /^webhook evt_\d+: refunded/.test(h.what)), { timeout: 15_000 })
        .toBe(true);
      expect((await shopOrder(request, orderId)).refunded, 'the shop counted the refund once').toBe('100.00');
    },
  },
  records: {
    method: 'GET',
    path: /^\/v1\/repayments$/,
    async run({ page, request, fault }) {
      const { widget, token } = await mountWidget(page, { view: 'bills', shopper: 'demo-good' });
      await expectReadRecovers(page, widget.getByTestId('records'), fault, this.faults, token);
      const { repayments } = await sandboxGet(request, token, '/v1/repayments');
      await expect(widget.getByTestId('records').locator('[data-receipt]')).toHaveCount(repayments.length);
    },
  },
};

test.setTimeout(60_000);

for (const [call, spec] of Object.entries(CALLS)) {
  for (const fault of FAULT_ORDER) {
    test(`fault matrix: ${call} × ${fault}`, async ({ page, request }) => {
      /** @type {string[]} */
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      if (spec.armed) {
        // Its run arms the fault in the sandbox; disarmed whatever happens.
        /** @type {{ faults: ArmedFaults | null }} */
        const context = { faults: null };
        try {
          await spec.run.call(context, { page, request, fault });
          expect(await context.faults?.hits(), 'the fault was injected').toBeGreaterThan(0);
        } finally {
          if (context.faults) await context.faults.heal();
        }
      } else {
        const context = { faults: await injectFault(page, { method: spec.method, path: spec.path, fault }) };
        await spec.run.call(context, { page, request, fault });
        expect(context.faults.hits(), 'the fault was injected').toBeGreaterThan(0);
      }
      expect(errors, 'no uncaught errors (a panic would show here)').toEqual([]);
    });
  }
}

// biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a hook uses from its first parameter's pattern
test.afterEach(({}, testInfo) => {
  const match = /fault matrix: (.+) × (.+)$/.exec(testInfo.title);
  if (!match) return;
  const results = readResults();
  results[`${match[1]}|${match[2]}`] = testInfo.status === testInfo.expectedStatus ? 'pass' : 'FAIL';
  fs.mkdirSync('test-results', { recursive: true });
  fs.writeFileSync(RESULTS, JSON.stringify(results, null, 1));
});

test.afterAll(() => {
  const results = readResults();
  const faults = FAULT_ORDER;
  const width = Math.max(...Object.keys(CALLS).map((c) => c.length));
  const lines = [
    `${'call'.padEnd(width)} | ${faults.map((f) => f.padEnd(9)).join(' | ')}`,
    `${'-'.repeat(width)}-|-${faults.map(() => '-'.repeat(9)).join('-|-')}`,
  ];
  for (const call of Object.keys(CALLS)) {
    lines.push(`${call.padEnd(width)} | ${faults.map((f) => (results[`${call}|${f}`] ?? 'not run').padEnd(9)).join(' | ')}`);
  }
  console.log(`\nFault matrix (call × fault → result):\n${lines.join('\n')}\n`);
});

test('unmounting a widget aborts its calls in flight, and nothing is retried after', async ({ page }) => {
  /** @type {string[]} */
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // Every bills read takes longer than the widget waits: it would be retried if still mounted.
  const faults = await injectFault(page, { method: 'GET', path: /^\/v1\/bills$/, fault: 'delay' });
  /** @type {(string | undefined)[]} */
  const aborted = [];
  page.on('requestfailed', (r) => {
    if (new URL(r.url()).pathname === '/v1/bills') aborted.push(r.failure()?.errorText);
  });
  const { widget } = await mountWidget(page, { view: 'bills', shopper: 'demo-good' });
  await expect(widget.getByText('Loading your bills…')).toBeVisible();
  await expect.poll(() => faults.hits()).toBe(1);
  await page.evaluate(() => /** @type {FaultHooks} */ (window).__handle.unmount());
  await expect.poll(() => aborted.length).toBe(1);
  expect(aborted[0]).toContain('ERR_ABORTED');
  // Longer than the timeout and both retry waits: no retry was sent by the unmounted widget.
  await page.waitForTimeout(TIMEOUT_MS + 1_500);
  expect(faults.hits()).toBe(1);
  expect(await page.evaluate(() => globalThis.PayLater.liveWidgets())).toBe(0);
  expect(errors).toEqual([]);
});

test('a read whose view goes away is aborted: the quote of a dialog closed, or of the scope left, while on its way', async ({ page }) => {
  /** @type {string[]} */
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const quotes = /^\/v1\/bills\/[^/]+\/quotes$/;
  // Each quote request: its scope, when it left, and how long until it failed (if it did).
  /** @type {Map<import('@playwright/test').Request, { scope?: string, at: number, failed?: string, after?: number }>} */
  const sent = new Map();
  page.on('request', (r) => {
    if (quotes.test(new URL(r.url()).pathname)) sent.set(r, { scope: JSON.parse(r.postData() ?? '{}').scope, at: Date.now() });
  });
  page.on('requestfailed', (r) => {
    const q = sent.get(r);
    if (q) Object.assign(q, { failed: r.failure()?.errorText, after: Date.now() - q.at });
  });
  const failed = () => [...sent.values()].filter((q) => q.failed);
  const { widget } = await mountWidget(page, { view: 'bills', shopper: 'demo-good' });
  // Every quote takes longer than the widget waits (TIMEOUT_MS): one aborted sooner was aborted
  // because what asked for it went away, not by the timeout.
  const faults = await injectFault(page, { method: 'POST', path: quotes, fault: 'delay' });
  let dialog = await openDialog(page, widget);
  await expect.poll(() => faults.hits()).toBe(1);
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => failed().length).toBe(1);
  expect(failed()[0]).toMatchObject({ scope: 'next_installment', failed: expect.stringContaining('ERR_ABORTED') });
  expect(failed()[0].after).toBeLessThan(TIMEOUT_MS / 2);
  // Longer than the timeout and both retry waits: the closed dialog sent nothing more.
  await page.waitForTimeout(TIMEOUT_MS + 1_500);
  expect(faults.hits()).toBe(1);
  // The other scope chosen while the first one's quote is on its way: that quote is aborted.
  dialog = await openDialog(page, widget);
  await expect.poll(() => faults.hits()).toBe(2);
  await dialog.getByRole('radio', { name: /Settle the whole bill/ }).check();
  await expect.poll(() => failed().length).toBeGreaterThanOrEqual(2);
  expect(failed()[1]).toMatchObject({ scope: 'next_installment', failed: expect.stringContaining('ERR_ABORTED') });
  expect(failed()[1].after).toBeLessThan(TIMEOUT_MS / 2);
  // Healed: the settle quote comes (after its own timeout and retry), and the dialog works on.
  faults.heal();
  await expect(dialog.getByTestId('quote-total')).toBeVisible({ timeout: 10_000 });
  expect(errors).toEqual([]);
});

// Injection and secrets: merchant- and API-supplied strings that contain markup
// or script render as inert text; the session token lives in memory only and goes only to the
// configured API origin.
import { test, expect } from '@playwright/test';
import { SANDBOX, captureOrder } from './helpers.mjs';

/** @typedef {typeof window & { __pwned?: number }} Pwnable the page: a payload that ran would set `__pwned` */

const PAYLOADS = [
  '<img src=x onerror="window.__pwned=1">',
  '"><script>window.__pwned=2</script>',
  'javascript:window.__pwned=3//',
  '<svg onload="window.__pwned=4">',
];

test("markup in the merchant's order id, echoed back by the API, stays text; an unknown merchant id is refused", async ({ page }) => {
  /** @type {string[]} */
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss();
  });
  await page.goto('/?lang=en');
  await page.waitForFunction(() => globalThis.PayLater);
  for (const [i, payload] of PAYLOADS.entries()) {
    await page.evaluate(
      ([i, payload, api]) => {
        const el = document.createElement('div');
        el.id = `inject-${i}`;
        const main = document.querySelector('main');
        if (!main) throw new Error('the page has no <main>');
        main.append(el);
        globalThis.PayLater.mount(el, {
          amount: '10.00',
          locale: 'en',
          merchantId: 'M-DEMO-SHOP',
          orderId: `${payload}-order-${i}`,
          apiBaseUrl: api,
          sessionToken: 'demo-good',
          view: 'both',
        });
      },
      /** @type {const} */ ([i, payload, SANDBOX]),
    );
    const widget = page.locator(`#inject-${i}`);
    await widget.getByRole('button', { name: 'Pay later' }).click();
    await widget.getByRole('button', { name: 'Confirm pay later' }).click();
    await expect(widget.getByTestId('confirmed')).toBeVisible();
    // The order waits for the shop: the bills view lists it with the order id the API echoes.
    await expect(widget.getByTestId('pending-orders')).toContainText(`order ${payload}-order-${i}`);
    expect(await widget.evaluate((host) => host.shadowRoot?.querySelectorAll('img, script, svg').length)).toBe(0);
  }
  // A merchant id the provider does not know is refused: a page cannot make one up.
  await page.evaluate((api) => {
    const el = document.createElement('div');
    el.id = 'unknown-merchant';
    const main = document.querySelector('main');
    if (!main) throw new Error('the page has no <main>');
    main.append(el);
    globalThis.PayLater.mount(el, { amount: '10.00', locale: 'en', merchantId: 'M-MADE-UP', orderId: 'O-1', apiBaseUrl: api, sessionToken: 'demo-good' });
  }, SANDBOX);
  const unknown = page.locator('#unknown-merchant');
  await unknown.getByRole('button', { name: 'Pay later' }).click();
  await expect(unknown.getByRole('alert')).toContainText("This checkout couldn't start pay later.");
  expect(await page.evaluate(() => /** @type {Pwnable} */ (window).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
});

test('markup in every string the API sends (agreement, bills, payment methods, records) stays text', async ({ page, request }) => {
  const payload = PAYLOADS.join(' ');
  const origin = new URL(SANDBOX).origin;
  /**
   * The API's real answers, with every free-text field replaced by the payloads.
   * @param {unknown} value JSON
   * @returns {unknown}
   */
  const poison = (value) => {
    if (Array.isArray(value)) return value.map(poison);
    if (value && typeof value === 'object') {
      /** @type {Record<string, unknown>} */
      const out = {};
      for (const [k, v] of Object.entries(value)) {
        out[k] = ['title', 'text', 'merchant_name', 'label', 'payment_method_label', 'masked_name'].includes(k) ? `${payload} ${k}` : poison(v);
      }
      return out;
    }
    return value;
  };
  await page.route(
    (url) => url.origin === origin,
    async (route) => {
      if (route.request().method() === 'OPTIONS') return route.fallback();
      const response = await route.fetch();
      const type = response.headers()['content-type'] ?? '';
      if (!type.includes('json') || !response.ok()) return route.fulfill({ response });
      return route.fulfill({ response, json: poison(await response.json()) });
    },
  );
  /** @type {string[]} */
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss();
  });
  const token = `demo-new+inject-${Date.now().toString(36)}`;
  await page.goto(`/?${new URLSearchParams({ lang: 'en', shopper: token, api: SANDBOX })}`);
  const checkout = page.locator('#pay-later');
  await checkout.getByRole('button', { name: 'Pay later' }).click();
  const agreement = checkout.getByRole('region', { name: `${payload} title` });
  await expect(agreement).toContainText(`${PAYLOADS[0]}`);
  await checkout.getByRole('checkbox', { name: /I have read and accept the service agreement/ }).check();
  await checkout.getByRole('button', { name: 'Confirm pay later' }).click();
  await expect(checkout.getByTestId('confirmed')).toBeVisible();
  // The shop's server captures it: a bill (with the poisoned merchant name) to repay.
  const authorizationId = await checkout.getByTestId('confirmed').getAttribute('data-authorization-id');
  const orderId = await checkout.getAttribute('data-order-id');
  if (!authorizationId || !orderId) throw new Error(`the widget shows no authorization (${authorizationId}) or order id (${orderId})`);
  await captureOrder(request, orderId, authorizationId, '1299.00');
  const bills = page.locator('#pay-later-bills');
  await page.reload();
  await bills.getByRole('button', { name: 'Repay early' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Repay early' });
  await expect(dialog.getByText(`${payload} label`).first()).toBeVisible();
  await dialog.getByRole('button', { name: /^Pay / }).click();
  await expect(dialog.getByTestId('receipt')).toBeVisible();
  await expect(dialog).toContainText(`${payload} payment_method_label`);
  await page.keyboard.press('Escape');
  await expect(bills.getByTestId('records')).toContainText(`${payload} merchant_name`);
  for (const host of [checkout, bills]) {
    expect(await host.evaluate((h) => h.shadowRoot?.querySelectorAll('img, script, svg, a[href^="javascript"]').length)).toBe(0);
  }
  expect(await page.evaluate(() => /** @type {Pwnable} */ (window).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
});

test('the session token stays in memory and goes only to the API origin', async ({ page }) => {
  // A private copy of demo-good, so that the token is a string found nowhere else on the page.
  const TOKEN = `demo-good+secret-${Date.now().toString(36)}`;
  /** @type {string[]} */
  const consoleText = [];
  page.on('console', (m) => consoleText.push(m.text()));
  const sentTo = new Set();
  page.on('request', (r) => {
    const auth = r.headers().authorization;
    if (auth) sentTo.add(`${new URL(r.url()).origin} ${auth === `Bearer ${TOKEN}`}`);
  });
  await page.goto('/?lang=en');
  await page.waitForFunction(() => globalThis.PayLater);
  await page.evaluate(
    ([token, api]) => {
      const el = document.createElement('div');
      el.id = 'secret';
      const main = document.querySelector('main');
      if (!main) throw new Error('the page has no <main>');
      main.append(el);
      globalThis.PayLater.mount(el, {
        amount: '20.00',
        locale: 'en',
        apiBaseUrl: api,
        sessionToken: token,
        view: 'both',
        merchantId: 'M-DEMO-SHOP',
        orderId: `SECRET-${Date.now()}`,
      });
    },
    [TOKEN, SANDBOX],
  );
  const widget = page.locator('#secret');
  await widget.getByRole('button', { name: 'Pay later' }).click();
  await widget.getByRole('button', { name: 'Confirm pay later' }).click();
  await expect(widget.getByTestId('confirmed')).toBeVisible();
  await widget.getByRole('button', { name: 'Repay early' }).first().click();
  await expect(page.getByRole('dialog', { name: 'Repay early' }).getByTestId('breakdown')).toBeVisible();

  const stored = await page.evaluate(() => ({
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
    cookies: document.cookie,
    url: location.href,
    // The DOM, shadow roots included: session-replay scripts record attributes.
    dom: [document.documentElement, ...document.querySelectorAll('*')]
      .map((el) => (el.shadowRoot ? el.shadowRoot.innerHTML : '') + (el === document.documentElement ? el.outerHTML : ''))
      .join(''),
  }));
  for (const [where, value] of Object.entries(stored)) expect(value, where).not.toContain(TOKEN);
  expect(consoleText.filter((t) => t.includes(TOKEN))).toEqual([]);
  expect([...sentTo]).toEqual([`${SANDBOX} true`]);
});

test('a session token given as an attribute is moved into memory and leaves the DOM', async ({ page }) => {
  const TOKEN = `demo-good+attr-${Date.now().toString(36)}`;
  // The demo page writes ?shopper= onto its widgets as data-session-token before they start.
  await page.goto(`/?${new URLSearchParams({ lang: 'en', shopper: TOKEN, api: SANDBOX })}`);
  const bills = page.locator('#pay-later-bills');
  await expect(bills.getByTestId('bill-list')).toBeVisible();
  expect(await page.locator('[data-session-token]').count()).toBe(0);
  expect(await page.content()).not.toContain(TOKEN);
  // A renewed token set the same way is used, and leaves the DOM too.
  await page.evaluate((t) => {
    const host = document.getElementById('pay-later-bills');
    if (!host) throw new Error('no #pay-later-bills on the demo page');
    host.setAttribute('data-session-token', t);
  }, `${TOKEN}-renewed`);
  await expect.poll(() => page.locator('[data-session-token]').count()).toBe(0);
  await bills.getByRole('radio', { name: 'All' }).check();
  await expect(bills.getByTestId('bill-list').locator('[data-bill-id]')).toHaveCount(5);
});

test('one store for the session token: a module loaded later reads the token another module took off the page', async ({ page }) => {
  const TOKEN = `demo-good+store-${Date.now().toString(36)}`;
  await page.goto('/?lang=en');
  await page.waitForFunction(() => globalThis.PayLater);
  // A checkout whose token the page wrote as an attribute: the offer module takes it off the page.
  await page.evaluate(
    ([token, api]) => {
      const el = document.createElement('div');
      el.id = 'stored';
      el.setAttribute('data-session-token', token);
      const main = document.querySelector('main');
      if (!main) throw new Error('the page has no <main>');
      main.append(el);
      globalThis.PayLater.mount(el, { amount: '1299.00', locale: 'en', apiBaseUrl: api, merchantId: 'M-DEMO-SHOP', orderId: 'STORE-1' });
    },
    [TOKEN, SANDBOX],
  );
  const widget = page.locator('#stored');
  await expect(widget.getByTestId('offer-line')).toContainText('/ month');
  expect(await page.locator('[data-session-token]').count()).toBe(0);
  // The same element now shows the bills: another module, loaded now, with the same session.
  await page.evaluate(() => {
    const el = document.getElementById('stored');
    if (!el) throw new Error('no #stored on the page');
    globalThis.PayLater.mount(el, { view: 'bills' });
  });
  await expect(widget.getByTestId('bill-list')).toBeVisible();
  await expect(widget.getByRole('alert')).toHaveCount(0);
  expect(await page.content()).not.toContain(TOKEN);
});

// The widget's modules, as pay-later.js loads them: a checkout page fetches the offer module (and
// never the checkout part or the account before the shopper touches it), Pay later fetches the
// offer module's checkout part (release builds cut it out with wasm-split), which shows the
// checkout in place with eligibility already on its way; a bills page
// fetches the account module; each module at most once per page however many elements ask for it;
// `view="both"` shows the checkout with the account below it; a module that fails to load, or that
// crashes, gives the shopper a notice with Try again and the page `paylater:error`; and an order
// placed in the checkout module shows in the account module's bills without a reload (one page
// mock, shared by both).
import { test, expect } from '@playwright/test';
import { SHOTS, expectNoAxeViolations, watchConsole } from './helpers.mjs';

/**
 * @import { Page } from '@playwright/test'
 * @import { ErrorDetail, PayLaterHandle } from '../../types/pay-later'
 *
 * What the tests keep on the page (`typeof globalThis &` each):
 * @typedef {typeof globalThis & { __ready: string[] }} ReadyLog the id of each element that said
 *   paylater:ready, in order
 * @typedef {typeof globalThis & { __events: ErrorDetail[] }} ErrorLog each paylater:error's detail
 * @typedef {typeof globalThis & { __events: (ErrorDetail & { id: string })[] }} ErrorLogById each
 *   paylater:error's detail, with the id of its element
 * @typedef {typeof globalThis & { handle: PayLaterHandle }} HandleKept the handle of a widget a test mounted
 * @typedef {(method: string, path: string, query: string, authorization: string | null, idempotencyKey: string | null | undefined, body: string) => Promise<{ status: number, body: string }>} PageMock
 *   how pay-later.js lets the modules call the demo's mock (`globalThis.__payLaterPageMock`)
 * @typedef {typeof globalThis & { __payLaterPageMock: PageMock, __wrapMock: () => void, __eligibility: () => Promise<number> }} MockTap
 *   the demo's mock, and a wrapper that tells the test (an exposed function) of each eligibility call
 */

/**
 * Serves `body` as a page of the demo's origin (beside pay-later.js) and records what it fetches.
 * @param {Page} page
 * @param {string} body the page's <main>
 * @param {string} [path]
 * @param {string} [head] lines for its <head>
 * @returns {Promise<string[]>} the widget's files the page fetched, so far and from now on
 */
async function openPage(page, body, path = '/modules-test.html', head = '') {
  /** @type {string[]} */
  const fetched = [];
  page.on('request', (r) => {
    const file = new URL(r.url()).pathname.slice(1);
    if (file.startsWith('pay-later')) fetched.push(file);
  });
  await page.route(`**${path}`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Modules</title>
        ${head}<script type="module" src="/pay-later.js"></script></head><body><main><h1>Modules</h1>${body}</main></body></html>`,
    }),
  );
  await page.goto(path);
  return fetched;
}

const count = (/** @type {string[]} */ fetched, /** @type {string} */ file) => fetched.filter((f) => f === file).length;

test("the preload lines of pay-later-preload.html start the checkout page's module with the page, and pay-later.js uses them: each file fetched once, nothing unused", async ({
  page,
}) => {
  const noConsoleErrors = watchConsole(page);
  /** @type {string[]} */
  const warnings = [];
  page.on('console', (msg) => {
    if (msg.type() === 'warning') warnings.push(msg.text());
  });
  const snippet = await (await page.request.get('/pay-later-preload.html')).text();
  const checkout = snippet.split('<!-- checkout page -->')[1].split('<!-- bills page -->')[0].trim();
  // The glue's line carries its integrity; the wasm's cannot (browsers ignore it on a fetch
  // preload): pay-later.js's fetch checks those bytes (the next test but one, with these lines).
  expect(checkout).toMatch(/href="pay-later-offer.js" crossorigin="anonymous" integrity="sha384-[A-Za-z0-9+/=]{64}"/);
  expect(checkout).toContain('href="pay-later-offer_bg.wasm" as="fetch"');
  const preloaded = [...checkout.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
  expect(preloaded.sort()).toEqual(['pay-later-mock.js', 'pay-later-mock_bg.wasm', 'pay-later-offer.js', 'pay-later-offer_bg.wasm']);
  const fetched = await openPage(
    page,
    `<div id="a" data-pay-later data-amount="1299.00" data-locale="en" data-merchant-id="M-DEMO-SHOP" data-order-id="MOD-P"></div>`,
    '/modules-preload.html',
    checkout.replaceAll('href="', 'href="/'),
  );
  await expect(page.locator('#a').getByTestId('offer-line')).toHaveText('From ¥117.78 / month');
  for (const file of preloaded) expect(count(fetched, file), file).toBe(1);
  expect(fetched.filter((f) => f.startsWith('pay-later-checkout') || f.startsWith('pay-later-account'))).toEqual([]);
  // Chromium warns about a preload nobody used, or one fetched again for a different integrity.
  await page.waitForTimeout(3500);
  expect(warnings.filter((w) => /preload/i.test(w))).toEqual([]);
  noConsoleErrors();
});

test('a checkout page fetches the offer module once; Pay later fetches its checkout part, once, which shows the checkout in place with eligibility on its way', async ({
  page,
}) => {
  const noConsoleErrors = watchConsole(page);
  await page.addInitScript(() => {
    const hooks = /** @type {ReadyLog} */ (globalThis);
    hooks.__ready = [];
    document.addEventListener('paylater:ready', (e) => hooks.__ready.push(/** @type {HTMLElement} its host element */ (e.target).id));
  });
  const fetched = await openPage(
    page,
    `<div id="a" data-pay-later data-amount="1299.00" data-locale="en" data-merchant-id="M-DEMO-SHOP" data-order-id="MOD-1"></div>
     <pay-later-checkout id="b" amount="88.00" locale="en" merchant-id="M-DEMO-SHOP" order-id="MOD-B"></pay-later-checkout>`,
  );
  await expect(page.locator('#a').getByRole('button', { name: 'Pay later' })).toBeVisible();
  await expect(page.locator('#b').getByRole('button', { name: 'Pay later' })).toBeVisible();
  // A third, mounted later, reuses the loaded module at once.
  await page.evaluate(() => {
    const el = document.createElement('div');
    el.id = 'c';
    const main = document.querySelector('main');
    if (!main) throw new Error('the page has no <main>');
    main.append(el);
    globalThis.PayLater.mount(el, { amount: '5.00', locale: 'en', merchantId: 'M-DEMO-SHOP', orderId: 'MOD-C' });
  });
  await expect(page.locator('#c').getByRole('button', { name: 'Pay later' })).toBeVisible();
  await expect(page.locator('#a').getByTestId('offer-line')).toHaveText('From ¥117.78 / month');
  expect(count(fetched, 'pay-later-offer.js')).toBe(1);
  expect(count(fetched, 'pay-later-offer_bg.wasm')).toBe(1);
  expect(fetched.filter((f) => f.startsWith('pay-later-checkout') || f.startsWith('pay-later-account') || f.startsWith('pay-later-offer-'))).toEqual([]);
  // The offer is the provider's: in the demo, the page's mock answers it, fetched beside the module.
  expect(await page.evaluate(() => globalThis.PayLater.loadedModules().sort())).toEqual(['mock', 'offer']);
  // Pay later: the checkout part comes, once, and shows the plans in the same widget.
  await page.locator('#a').getByRole('button', { name: 'Pay later' }).click();
  await expect(page.locator('#a').getByRole('radio')).toHaveCount(4);
  await expect(page.locator('#a').getByTestId('offer-line')).toHaveText('From ¥117.78 / month');
  expect(count(fetched, 'pay-later-offer-checkout_bg.wasm')).toBe(1);
  expect(fetched.filter((f) => f.startsWith('pay-later-checkout'))).toEqual([]);
  expect(await page.evaluate(() => globalThis.PayLater.loadedModules().sort())).toEqual(['mock', 'offer']);
  // One widget per element still, and one paylater:ready each: the checkout is not a new widget.
  expect(await page.evaluate(() => globalThis.PayLater.liveWidgets())).toBe(3);
  expect(await page.evaluate(() => /** @type {ReadyLog} */ (globalThis).__ready.sort())).toEqual(['a', 'b', 'c']);
  // A second element's Pay later takes the loaded part at once.
  await page.locator('#b').getByRole('button', { name: 'Pay later' }).click();
  await expect(page.locator('#b').getByRole('radio')).toHaveCount(4);
  expect(count(fetched, 'pay-later-offer-checkout_bg.wasm')).toBe(1);
  // Mounted again, a checkout starts from the offer and Pay later as before.
  await page.evaluate(() => {
    const el = document.getElementById('c');
    if (!el) throw new Error('no #c on the page');
    globalThis.PayLater.mount(el, { amount: '6.00' });
  });
  await expect(page.locator('#c').getByRole('button', { name: 'Pay later' })).toBeVisible();
  await page.locator('#c').getByRole('button', { name: 'Pay later' }).click();
  await expect(page.locator('#c').getByRole('radio')).toHaveCount(4);
  noConsoleErrors();
});

test('Pay later sends eligibility once, before the checkout part arrives, and the checkout uses that answer', async ({ page }) => {
  const noConsoleErrors = watchConsole(page);
  /** @type {(value?: unknown) => void} the promise's resolve, set at once */
  let release = () => {};
  const held = new Promise((r) => (release = r));
  // The checkout part is held back: eligibility must not wait for it.
  await page.route('**/pay-later-offer-checkout_bg.wasm', async (route) => {
    await held;
    await route.continue();
  });
  /** @type {number[]} */
  const eligibility = [];
  await page.exposeFunction('__eligibility', () => eligibility.push(Date.now()));
  await page.addInitScript(() => {
    const hooks = /** @type {MockTap} */ (globalThis);
    const original = globalThis.fetch;
    hooks.__wrapMock = () => {
      const mock = hooks.__payLaterPageMock;
      hooks.__payLaterPageMock = (method, path, ...rest) => {
        if (path === '/v1/eligibility') hooks.__eligibility();
        return mock(method, path, ...rest);
      };
    };
    void original;
  });
  await openPage(page, `<div id="a" data-pay-later data-amount="1299.00" data-locale="en" data-merchant-id="M-DEMO-SHOP" data-order-id="MOD-2"></div>`);
  const host = page.locator('#a');
  await expect(host.getByRole('button', { name: 'Pay later' })).toBeVisible();
  await page.evaluate(() => /** @type {MockTap} */ (globalThis).__wrapMock());
  await host.getByRole('button', { name: 'Pay later' }).click();
  // The offer module's own loading state meanwhile, announced.
  await expect(host.getByTestId('checking')).toBeVisible();
  await expect.poll(() => eligibility.length).toBe(1);
  release();
  await expect(host.getByRole('radio')).toHaveCount(4);
  expect(eligibility).toHaveLength(1);
  noConsoleErrors();
});

test('a bills page fetches the account module once, never the checkout module', async ({ page }) => {
  const noConsoleErrors = watchConsole(page);
  const fetched = await openPage(
    page,
    `<div id="a" data-pay-later data-view="bills" data-amount="1.00" data-locale="en"></div>
     <div id="b" data-pay-later data-view="bills" data-locale="en" data-session-token="demo-new"></div>`,
  );
  await expect(page.locator('#a').getByTestId('bill-list')).toBeVisible();
  await expect(page.locator('#b').getByRole('region', { name: 'Your pay-later bills' })).toBeVisible();
  expect(count(fetched, 'pay-later-account.js')).toBe(1);
  expect(count(fetched, 'pay-later-account_bg.wasm')).toBe(1);
  expect(fetched.filter((f) => f.startsWith('pay-later-checkout') || f.startsWith('pay-later-offer'))).toEqual([]);
  // Loaded ahead of a mount when asked, and still once.
  await page.evaluate(() => globalThis.PayLater.preload('both'));
  expect(await page.evaluate(() => globalThis.PayLater.loadedModules().sort())).toEqual(['account', 'checkout', 'mock']);
  expect(count(fetched, 'pay-later-account_bg.wasm')).toBe(1);
  expect(count(fetched, 'pay-later-checkout_bg.wasm')).toBe(1);
  noConsoleErrors();
});

test("a bills page leaves the repayment dialog and a bill's plan to the clicks that open them (and the lists most shoppers do not have to when there are some): each part fetched once, with its integrity", async ({
  page,
}) => {
  const noConsoleErrors = watchConsole(page);
  const fetched = await openPage(page, `<div id="a" data-pay-later data-view="bills" data-amount="1.00" data-locale="en"></div>`);
  const host = page.locator('#a');
  await expect(host.getByTestId('bill-list')).toBeVisible();
  const parts = () => fetched.filter((f) => /^pay-later-account-.+_bg\.wasm$/.test(f));
  expect(parts()).toEqual([]);
  // The release build cut the module: its parts are files of their own, hashed in integrity.json.
  const inventory = await (await page.request.get('/integrity.json')).json();
  // Named parts, and the chunks of code two or more of them share (numbered by wasm-split).
  const chunk = (/** @type {string} */ f) => /^pay-later-account-chunk-\d+_bg\.wasm$/.test(f);
  const named = (/** @type {string[]} */ files) => files.filter((f) => !chunk(f)).sort();
  const inventoried = Object.keys(inventory).filter((f) => /^pay-later-account-.+_bg\.wasm$/.test(f));
  expect(named(inventoried)).toEqual([
    'pay-later-account-bill-detail_bg.wasm',
    'pay-later-account-pending_bg.wasm',
    'pay-later-account-refunds_bg.wasm',
    'pay-later-account-repay-dialog_bg.wasm',
  ]);
  expect(inventoried.filter(chunk).length).toBeGreaterThan(0);
  // A bill's plan: its part (and the code it shares with others) on the click, then the plan.
  const firstBill = host.getByTestId('bill-list').getByRole('listitem').first();
  await firstBill.getByRole('button', { name: /plan/i }).click();
  await expect(firstBill.getByTestId('bill-detail')).toBeVisible();
  expect(named(parts())).toEqual(['pay-later-account-bill-detail_bg.wasm']);
  // Repay early: the dialog's part, then the dialog with its quote; the second time from memory.
  for (let i = 0; i < 2; i++) {
    await host.getByRole('button', { name: 'Repay early' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Repay early' });
    await expect(dialog.getByTestId('breakdown')).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toHaveCount(0);
  }
  expect(named(parts())).toEqual(['pay-later-account-bill-detail_bg.wasm', 'pay-later-account-repay-dialog_bg.wasm']);
  expect(new Set(parts()).size).toBe(parts().length);
  noConsoleErrors();
});

test('a part that cannot be fetched on its click (Repay early): the notice with Try again and paylater:error, then the bills and the dialog once the file is back', async ({
  page,
}) => {
  let broken = true;
  await page.route('**/pay-later-account-repay-dialog_bg.wasm', (route) => (broken ? route.fulfill({ status: 404, body: 'gone' }) : route.continue()));
  await page.addInitScript(() => {
    const hooks = /** @type {ErrorLog} */ (globalThis);
    hooks.__events = [];
    document.addEventListener('paylater:error', (e) => hooks.__events.push(e.detail));
  });
  await openPage(page, `<div id="a" data-pay-later data-view="bills" data-amount="1.00" data-locale="en"></div>`);
  const host = page.locator('#a');
  await expect(host.getByTestId('bill-list')).toBeVisible();
  await host.getByRole('button', { name: 'Repay early' }).first().click();
  const notice = host.getByRole('alert');
  await expect(notice).toContainText('Pay later is unavailable here');
  await expect
    .poll(() => page.evaluate(() => /** @type {ErrorLog} */ (globalThis).__events))
    .toEqual([expect.objectContaining({ call: 'module', kind: 'crashed' })]);
  broken = false;
  await notice.getByRole('button', { name: 'Try again' }).click();
  await expect(host.getByTestId('bill-list')).toBeVisible();
  await host.getByRole('button', { name: 'Repay early' }).first().click();
  await expect(page.getByRole('dialog', { name: 'Repay early' }).getByTestId('breakdown')).toBeVisible();
});

test('view="both": the checkout, then the account below it, from the two modules', async ({ page }) => {
  const noConsoleErrors = watchConsole(page);
  const fetched = await openPage(page, `<div id="both" data-pay-later data-view="both" data-amount="1299.00" data-locale="en"></div>`);
  const host = page.locator('#both');
  const offer = host.getByRole('button', { name: 'Pay later' });
  const bills = host.getByTestId('bill-list');
  await expect(offer).toBeVisible();
  await expect(bills).toBeVisible();
  // Below the offer, in the element's box.
  const [offerBox, billsBox] = [await offer.boundingBox(), await bills.boundingBox()];
  if (!offerBox || !billsBox) throw new Error(`not laid out: the offer ${JSON.stringify(offerBox)}, the bills ${JSON.stringify(billsBox)}`);
  expect(billsBox.y).toBeGreaterThan(offerBox.y);
  expect(count(fetched, 'pay-later-offer_bg.wasm')).toBe(1);
  expect(count(fetched, 'pay-later-account_bg.wasm')).toBe(1);
  // An update reaches both parts; unmounting removes both.
  await page.evaluate(() => {
    const el = document.getElementById('both');
    if (!el) throw new Error('no #both on the page');
    const hooks = /** @type {HandleKept} */ (globalThis);
    hooks.handle = globalThis.PayLater.mount(el, {});
    hooks.handle.update({ locale: 'zh-CN' });
  });
  await expect(host.getByRole('button', { name: '使用先享后付' })).toBeVisible();
  await expect(host.getByRole('region', { name: '我的先享后付账单' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/modules-both-1280.png`, fullPage: true });
  expect(
    await page.evaluate(() => {
      const el = document.getElementById('both');
      if (!el) throw new Error('no #both on the page');
      return globalThis.PayLater.unmount(el);
    }),
  ).toBe(true);
  await expect(offer).toHaveCount(0);
  await expect(host.getByTestId('bill-list')).toHaveCount(0);
  expect(await page.evaluate(() => globalThis.PayLater.liveWidgets())).toBe(0);
  noConsoleErrors();
});

test('a module that fails to load: a notice with Try again, paylater:error, and it works once the file is back', async ({ page }) => {
  let broken = true;
  await page.route('**/pay-later-offer_bg.wasm', (route) => (broken ? route.fulfill({ status: 404, body: 'gone' }) : route.continue()));
  /** @type {string[]} */
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.addInitScript(() => {
    const hooks = /** @type {ErrorLog} */ (globalThis);
    hooks.__events = [];
    document.addEventListener('paylater:error', (e) => hooks.__events.push(e.detail));
  });
  await openPage(page, `<div id="a" data-pay-later data-amount="1299.00" data-locale="en"></div>`);
  const host = page.locator('#a');
  const notice = host.getByRole('alert');
  await expect(notice).toContainText('Pay later is unavailable here');
  await expect(notice).toContainText('Pay later could not load. Check your connection and try again, or choose another payment method.');
  await expect
    .poll(() => page.evaluate(() => /** @type {ErrorLog} */ (globalThis).__events))
    .toEqual([expect.objectContaining({ call: 'module', kind: 'network' })]);
  expect(errors.some((e) => e.includes("[pay-later] could not load the widget's module (offer)"))).toBe(true);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/module-load-failed-1280.png`, fullPage: true });
  broken = false;
  await notice.getByRole('button', { name: 'Try again' }).click();
  await expect(host.getByRole('button', { name: 'Pay later' })).toBeVisible();
  await expect(host.getByRole('alert')).toHaveCount(0);
});

test('an order placed in the checkout shows in the account widget of the page without a reload', async ({ page }) => {
  const noConsoleErrors = watchConsole(page);
  await page.goto('/?lang=en');
  const checkout = page.locator('#pay-later');
  const account = page.locator('#pay-later-bills');
  await expect(account.getByTestId('bill-list')).toBeVisible();
  const billsBefore = await account.locator('[data-bill-id]').count();
  await checkout.getByRole('button', { name: 'Pay later' }).click();
  await checkout.getByRole('radio', { name: /3 monthly installments/ }).check();
  await checkout.getByRole('button', { name: 'Confirm pay later' }).click();
  await expect(checkout.getByRole('heading', { name: 'Order placed' })).toBeVisible();
  // The demo page plays the shop's server and captures it: a new bill, in the other module.
  await expect(account.locator('[data-bill-id]')).toHaveCount(billsBefore + 1, { timeout: 10_000 });
  noConsoleErrors();
});

test('a changed byte in a module is refused by its integrity hash, with or without the preload lines: the shopper sees the notice, nothing runs', async ({
  page,
}) => {
  const snippet = await (await page.request.get('/pay-later-preload.html')).text();
  const preload = snippet.split('<!-- checkout page -->')[1].split('<!-- bills page -->')[0].trim().replaceAll('href="', 'href="/');
  for (const [file, head] of [
    ['pay-later-offer_bg.wasm', ''],
    ['pay-later-offer.js', ''],
    ['pay-later-offer_bg.wasm', preload],
    ['pay-later-offer.js', preload],
  ]) {
    await page.unrouteAll();
    await page.route(`**/${file}`, async (route) => {
      const response = await route.fetch();
      const body = Buffer.from(await response.body());
      body[body.length >> 1] ^= 0x01; // one bit of one byte, in the middle
      await route.fulfill({ response, body });
    });
    /** @type {string[]} */
    const errors = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await openPage(page, `<div id="a" data-pay-later data-amount="1299.00" data-locale="en"></div>`, '/modules-test.html', head);
    const host = page.locator('#a');
    await expect(host.getByRole('alert')).toContainText('Pay later could not load.');
    await expect(host.getByRole('button', { name: 'Pay later' })).toHaveCount(0);
    expect(await page.evaluate(() => globalThis.PayLater.loadedModules().filter((m) => m !== 'mock'))).toEqual([]);
    // The browser says which digest it computed; the loader says which file and what to check.
    expect(
      errors.some((e) => /integrity/i.test(e) && e.includes(file)),
      `${file}: ${errors.join('\n')}`,
    ).toBe(true);
    expect(errors.some((e) => e.includes("[pay-later] could not load the widget's module (offer)"))).toBe(true);
  }
});

test('the checkout part failing to load on Pay later: the notice, and Try again gets the shopper back to the offer', async ({ page }) => {
  let broken = true;
  await page.route('**/pay-later-offer-checkout_bg.wasm', (route) => (broken ? route.fulfill({ status: 404, body: 'gone' }) : route.continue()));
  page.on('console', () => {});
  await openPage(page, `<div id="a" data-pay-later data-amount="1299.00" data-locale="en" data-merchant-id="M-DEMO-SHOP" data-order-id="MOD-3"></div>`);
  const host = page.locator('#a');
  await host.getByRole('button', { name: 'Pay later' }).click();
  await expect(host.getByRole('alert')).toContainText('Pay later is unavailable here');
  broken = false;
  await host.getByRole('button', { name: 'Try again' }).click();
  await host.getByRole('button', { name: 'Pay later' }).click();
  await expect(host.getByRole('radio')).toHaveCount(4);
});

test('a module that crashes: its widgets show the notice, the page gets paylater:error (crashed), Try again starts a fresh copy', async ({ page }) => {
  /** @type {string[]} */
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.addInitScript(() => {
    const hooks = /** @type {ErrorLogById} */ (globalThis);
    hooks.__events = [];
    document.addEventListener('paylater:error', (e) => hooks.__events.push({ id: /** @type {HTMLElement} its host element */ (e.target).id, ...e.detail }));
  });
  // Two widgets of the same module; the test build's trigger (data-test-crash) panics on Pay later:
  // a release build aborts, the wasm traps.
  await openPage(
    page,
    `<div id="a" data-pay-later data-amount="1299.00" data-locale="en" data-merchant-id="M-DEMO-SHOP" data-order-id="MOD-4" data-test-crash></div>
     <div id="b" data-pay-later data-amount="5.00" data-locale="en" data-merchant-id="M-DEMO-SHOP" data-order-id="MOD-5"></div>`,
  );
  const [a, b] = [page.locator('#a'), page.locator('#b')];
  await expect(b.getByRole('button', { name: 'Pay later' })).toBeVisible();
  await a.getByRole('button', { name: 'Pay later' }).click();
  for (const host of [a, b]) {
    await expect(host.getByRole('alert')).toContainText('Pay later is unavailable here');
    await expect(host.getByRole('alert')).toContainText('Something went wrong in Pay later. Try again, or choose another payment method.');
  }
  await expect
    .poll(() => page.evaluate(() => /** @type {ErrorLogById} */ (globalThis).__events.map((e) => `${e.id} ${e.call} ${e.kind}`).sort()))
    .toEqual(['a module crashed', 'b module crashed']);
  expect(errors.some((e) => e.includes("[pay-later] the widget's module (offer) crashed"))).toBe(true);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/module-crashed-1280.png`, fullPage: true });
  // Try again: a fresh instance of the module (the dead one is never called again).
  await page.evaluate(() => {
    const el = document.getElementById('a');
    if (!el) throw new Error('no #a on the page');
    el.removeAttribute('data-test-crash');
  });
  await a.getByRole('button', { name: 'Try again' }).click();
  await a.getByRole('button', { name: 'Pay later' }).click();
  await expect(a.getByRole('radio')).toHaveCount(4);
  await b.getByRole('button', { name: 'Try again' }).click();
  await expect(b.getByTestId('offer-line')).toHaveText(/From ¥/);
  expect(await page.evaluate(() => globalThis.PayLater.liveWidgets())).toBe(2);
});

test("integrity.json lists the SHA-384 of every file served, and pay-later.js carries the modules' hashes", async ({ request }) => {
  const { createHash } = await import('node:crypto');
  const inventory = await (await request.get('/integrity.json')).json();
  for (const file of ['pay-later.js', 'pay-later-checkout.js', 'pay-later-checkout_bg.wasm', 'pay-later-account.js', 'pay-later-account_bg.wasm']) {
    const body = await (await request.get(`/${file}`)).body();
    expect(inventory[file], file).toBe(`sha384-${createHash('sha384').update(body).digest('base64')}`);
  }
  const loader = await (await request.get('/pay-later.js')).text();
  expect(loader).toContain(inventory['pay-later-checkout_bg.wasm']);
  expect(loader).toContain(inventory['pay-later-account.js']);
});

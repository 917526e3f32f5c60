// Embedding on a merchant's page: the page and the widget under a strict CSP (no violations),
// a page with hostile CSS rendering the widget as a clean page does, PayLater.mount / update /
// unmount, the events' details, bad options, and 100 mount/unmount cycles leaving one widget and
// no extra listeners.
import { test, expect } from '@playwright/test';
import { SANDBOX, SHOTS, expectNoAxeViolations, watchConsole } from './helpers.mjs';

/**
 * @import { Locator } from '@playwright/test'
 * @import { DeclinedDetail, PayLaterHandle, PayLaterOptions, PlanChangeDetail, ReadyDetail } from '../../types/pay-later'
 * @typedef {typeof globalThis & { handle: PayLaterHandle, shownLine: Element, shownWidget: Element | null }} EmbedHooks the
 *   page, with what a test keeps there: the handle of the widget it mounted, the nodes it saw
 */

const CSP_ORIGIN = `http://127.0.0.1:${process.env.E2E_CSP_PORT ?? 4174}`;

test('the demo page and the widget work under a strict CSP, with no violation', async ({ page }) => {
  /** @type {string[]} */
  const violations = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  const noConsoleErrors = watchConsole(page);
  const response = await page.goto(`${CSP_ORIGIN}/?${new URLSearchParams({ shopper: 'demo-good', lang: 'en', api: SANDBOX })}`);
  if (!response) throw new Error('no response for the page');
  expect(response.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
  const widget = page.getByRole('region', { name: 'Pay later', exact: true });
  await widget.getByRole('button', { name: 'Pay later' }).click();
  await expect(widget.getByRole('group', { name: 'Choose a plan' }).getByRole('radio')).toHaveCount(4);
  await page.locator('#pay-later-bills').getByRole('button', { name: 'Repay early' }).first().click();
  await expect(page.getByRole('dialog', { name: 'Repay early' }).getByTestId('breakdown')).toBeVisible();
  expect(violations).toEqual([]);
  noConsoleErrors();
});

test('hostile page CSS does not reach the widgets, and two widgets live side by side', async ({ page }) => {
  const noConsoleErrors = watchConsole(page);
  const styleOf = (/** @type {Locator} */ locator) =>
    locator.evaluate((el) => {
      const s = getComputedStyle(el);
      return { display: s.display, fontSize: s.fontSize, color: s.color, background: s.backgroundColor, minHeight: s.minHeight };
    });
  await page.goto('/?lang=en');
  const clean = page.getByRole('region', { name: 'Pay later', exact: true });
  const cleanButton = await styleOf(clean.getByRole('button', { name: 'Pay later' }));
  const cleanTotal = await styleOf(clean.getByTestId('order-total'));

  await page.goto(`${CSP_ORIGIN}/hostile.html`);
  const first = page.locator('#first');
  const second = page.locator('#second');
  await expect(first.getByRole('button', { name: 'Pay later' })).toBeVisible();
  await expect(second.getByRole('button', { name: '使用先享后付' })).toBeVisible();
  expect(await styleOf(first.getByRole('button', { name: 'Pay later' }))).toEqual(cleanButton);
  expect(await styleOf(first.getByTestId('order-total'))).toEqual(cleanTotal);
  await expect(first.getByTestId('order-total')).toHaveText('¥1,299.00');
  await expect(second.getByTestId('order-total')).toHaveText('¥88.00');
  // Both work, independently.
  await first.getByRole('button', { name: 'Pay later' }).click();
  await expect(first.getByRole('radio')).toHaveCount(4);
  await expect(second.getByRole('radio')).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/hostile-page-1280.png`, fullPage: true });
  noConsoleErrors();
});

test('PayLater.mount: ready event, update changes the amount in place, unmount removes it', async ({ page }) => {
  const noConsoleErrors = watchConsole(page);
  await page.goto('/?lang=en');
  await page.waitForFunction(() => globalThis.PayLater);
  const detail = await page.evaluate(
    () =>
      /** @type {Promise<ReadyDetail>} */ (
        new Promise((resolve) => {
          const el = document.createElement('div');
          el.id = 'mounted';
          const main = document.querySelector('main');
          if (!main) throw new Error('the page has no <main>');
          main.append(el);
          el.addEventListener('paylater:ready', (e) => resolve(e.detail));
          /** @type {EmbedHooks} */ (globalThis).handle = globalThis.PayLater.mount(el, {
            amount: '1299.00',
            currency: 'CNY',
            locale: 'en',
            merchantId: 'M-DEMO-SHOP',
            orderId: 'EMBED-1',
          });
        })
      ),
  );
  expect(detail).toEqual({ status: 'ready' });
  const widget = page.locator('#mounted');
  await expect(widget.getByTestId('offer-line')).toHaveText('From ¥117.78 / month');
  // In place: the very nodes the shopper was looking at are updated, not replaced by a remount
  // (which would look the same once it has rendered again, and lose focus and state).
  await widget.getByTestId('offer-line').evaluate((line) => {
    const hooks = /** @type {EmbedHooks} */ (globalThis);
    const root = line.getRootNode();
    hooks.shownLine = line;
    hooks.shownWidget = root instanceof ShadowRoot ? root.firstElementChild : null;
  });
  await page.evaluate(() => /** @type {EmbedHooks} */ (globalThis).handle.update({ amount: '2599.00' }));
  await expect(widget.getByTestId('order-total')).toHaveText('¥2,599.00');
  await expect(widget.getByTestId('offer-line')).toHaveText('From ¥235.65 / month');
  expect(
    await widget.getByTestId('offer-line').evaluate((line) => {
      const hooks = /** @type {EmbedHooks} */ (globalThis);
      const root = line.getRootNode();
      return line === hooks.shownLine && (root instanceof ShadowRoot ? root.firstElementChild : null) === hooks.shownWidget;
    }),
  ).toBe(true);
  await page.evaluate(() => /** @type {EmbedHooks} */ (globalThis).handle.update({ locale: 'zh-CN' }));
  await expect(widget.getByTestId('offer-line')).toHaveText('低至 ¥235.65/月');
  await expectNoAxeViolations(page);
  await page.evaluate(() => /** @type {EmbedHooks} */ (globalThis).handle.unmount());
  await expect(widget.getByTestId('order-total')).toHaveCount(0);
  noConsoleErrors();
});

test('bad options show a plain notice and a console error that says what to do', async ({ page }) => {
  /** @type {string[]} */
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto('/?lang=en');
  await page.waitForFunction(() => globalThis.PayLater);
  // What an untyped script may pass (not PayLaterOptions): the widget must refuse it in words.
  /** @type {[unknown, string][]} */
  const cases = [
    [{ amount: 12.5, locale: 'en' }, 'amount must be a decimal string such as "1299.00", not the number 12.5'],
    [{ amount: '1299.00', currency: 'XYZ', locale: 'en' }, 'data-currency "XYZ" is not supported'],
    [{ amount: '-5.00', locale: 'en' }, 'must be more than zero'],
    [{ amount: '12.999', locale: 'en' }, 'has more than 2 decimal places'],
  ];
  for (const [i, [options, message]] of cases.entries()) {
    await page.evaluate(
      ([i, options]) => {
        const el = document.createElement('div');
        el.id = `bad-${i}`;
        const main = document.querySelector('main');
        if (!main) throw new Error('the page has no <main>');
        main.append(el);
        globalThis.PayLater.mount(el, /** @type {PayLaterOptions} */ (options));
      },
      /** @type {const} */ ([i, options]),
    );
    const widget = page.locator(`#bad-${i}`);
    await expect(widget.getByRole('alert')).toContainText('Pay later is unavailable here');
    await expect(widget.getByRole('alert')).toContainText('Please choose another payment method');
    expect(
      errors.some((e) => e.includes(message)),
      `${message} in ${errors}`,
    ).toBe(true);
  }
  // Fixing the option through update brings the widget back.
  await page.evaluate(() => {
    const el = document.getElementById('bad-0');
    if (!el) throw new Error('no #bad-0 on the page');
    globalThis.PayLater.mount(el, {}).update({ amount: '12.50' });
  });
  await expect(page.locator('#bad-0').getByTestId('order-total')).toHaveText('¥12.50');
  const thrown = await page.evaluate(() => {
    try {
      // No element, as an untyped script may call it.
      globalThis.PayLater.mount(/** @type {HTMLElement} */ (/** @type {unknown} */ (null)), { amount: '1.00' });
      return 'no error';
    } catch (e) {
      return e instanceof Error ? `${e.name}: ${e.message}` : `not an Error: ${e}`;
    }
  });
  expect(thrown).toContain('TypeError: [pay-later] PayLater.mount needs an element to render in, got null');
});

test('what update was given wrong goes to the widget, never onto the page: a notice, then the widget back', async ({ page }) => {
  await page.goto('/?lang=en');
  await page.waitForFunction(() => globalThis.PayLater);
  await page.evaluate(() => {
    const el = document.createElement('div');
    el.id = 'updated';
    // An attribute of the old back channel, as a tampered page may write it: not an option.
    el.setAttribute('data-options-error', 'spoofed');
    const main = document.querySelector('main');
    if (!main) throw new Error('the page has no <main>');
    main.append(el);
    /** @type {EmbedHooks} */ (globalThis).handle = globalThis.PayLater.mount(el, { amount: '1299.00', locale: 'en' });
  });
  const widget = page.locator('#updated');
  await expect(widget.getByTestId('order-total')).toHaveText('¥1,299.00');
  // A number for the amount, on a widget already shown: the notice, in place.
  await page.evaluate(() => /** @type {EmbedHooks} */ (globalThis).handle.update(/** @type {PayLaterOptions} */ (/** @type {unknown} */ ({ amount: 1599 }))));
  await expect(widget.getByRole('alert')).toContainText('Pay later is unavailable here');
  await expect(widget.getByTestId('order-total')).toHaveCount(0);
  // Nothing of it was written to the page: the only such attribute is the one the page wrote.
  expect(await page.locator('[data-options-error]').evaluateAll((els) => els.map((e) => e.getAttribute('data-options-error')))).toEqual(['spoofed']);
  // Corrected by the next update: the widget again, with the new amount.
  await page.evaluate(() => /** @type {EmbedHooks} */ (globalThis).handle.update({ amount: '1599.00' }));
  await expect(widget.getByTestId('order-total')).toHaveText('¥1,599.00');
  await expect(widget.getByRole('alert')).toHaveCount(0);
});

test('100 mount/unmount cycles leave one widget and no extra listeners', async ({ page }) => {
  const noConsoleErrors = watchConsole(page);
  await page.goto('/?lang=en');
  await page.waitForFunction(() => globalThis.PayLater);
  // The page's own widgets first (their modules load on demand): their listeners are not the
  // cycled widget's, and must all be there before counting.
  await expect(page.locator('#pay-later').getByTestId('order-total')).toBeVisible();
  await expect(page.locator('#pay-later-bills').getByTestId('bill-list')).toBeVisible();
  const cdp = await page.context().newCDPSession(page);
  const listenerCount = async () => {
    let total = 0;
    for (const expression of ['window', 'document', 'document.getElementById("cycled")']) {
      const { result } = await cdp.send('Runtime.evaluate', { expression });
      if (!result.objectId) continue;
      const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId, depth: -1, pierce: true });
      total += listeners.length;
    }
    return total;
  };
  const baseline = await page.evaluate(() => globalThis.PayLater.liveWidgets());
  await page.evaluate(() => {
    const el = document.createElement('div');
    el.id = 'cycled';
    const main = document.querySelector('main');
    if (!main) throw new Error('the page has no <main>');
    main.append(el);
    globalThis.PayLater.mount(el, { amount: '1299.00', locale: 'en' }).unmount();
    globalThis.PayLater.mount(el, { amount: '1299.00', locale: 'en' });
  });
  await expect(page.locator('#cycled').getByTestId('order-total')).toHaveText('¥1,299.00');
  const cycle = (/** @type {number} */ n) =>
    page.evaluate((n) => {
      const el = document.getElementById('cycled');
      if (!el) throw new Error('no #cycled on the page');
      for (let i = 0; i < n; i++) {
        globalThis.PayLater.mount(el, { amount: '1299.00', locale: 'en' });
        globalThis.PayLater.unmount(el);
      }
      globalThis.PayLater.mount(el, { amount: '1299.00', locale: 'en' });
    }, n);
  // The listener count once the first cycle has settled (some are registered lazily, after the
  // first render); then 10, 50 and 100 more cycles: one widget, and the same listeners.
  await cycle(1);
  await page.waitForTimeout(300);
  const afterOne = await listenerCount();
  for (const n of [10, 50, 100]) {
    await cycle(n);
    await expect(page.locator('#cycled').getByTestId('order-total')).toHaveText('¥1,299.00');
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => globalThis.PayLater.liveWidgets())).toBe(baseline + 1);
    expect(await page.locator('#cycled').evaluate((el) => el.shadowRoot?.querySelectorAll('.plw-root').length)).toBe(1);
    expect(await listenerCount(), `listeners after ${n} cycles`).toBe(afterOne);
  }
  // Mounting twice without unmounting also leaves one.
  await page.evaluate(() => {
    const el = document.getElementById('cycled');
    if (!el) throw new Error('no #cycled on the page');
    globalThis.PayLater.mount(el, { amount: '1299.00' });
    globalThis.PayLater.mount(el, { amount: '1299.00' });
  });
  expect(await page.evaluate(() => globalThis.PayLater.liveWidgets())).toBe(baseline + 1);
  noConsoleErrors();
});

test('theming: custom properties on the host and a forced dark scheme', async ({ page }) => {
  const noConsoleErrors = watchConsole(page);
  await page.goto(`${CSP_ORIGIN}/?lang=en`);
  await page.waitForFunction(() => globalThis.PayLater);
  await page.evaluate(() => {
    const el = document.createElement('div');
    el.id = 'themed';
    // Set through the CSSOM, as a merchant's stylesheet would; allowed under the strict CSP.
    el.style.setProperty('--plw-accent', 'rgb(194, 65, 12)');
    el.style.setProperty('--plw-radius', '2px');
    const main = document.querySelector('main');
    if (!main) throw new Error('the page has no <main>');
    main.append(el);
    globalThis.PayLater.mount(el, { amount: '1299.00', locale: 'en', theme: 'dark' });
  });
  const widget = page.locator('#themed');
  const root = widget.locator('.plw-root');
  await expect(root).toHaveCSS('background-color', 'rgb(22, 27, 38)');
  await expect(root).toHaveCSS('border-top-left-radius', '2px');
  await expect(widget.getByRole('button', { name: 'Pay later' })).toHaveCSS('background-color', 'rgb(194, 65, 12)');
  await page.evaluate(() => {
    const el = document.getElementById('themed');
    if (!el) throw new Error('no #themed on the page');
    el.setAttribute('data-theme', 'light');
  });
  await expect(root).toHaveCSS('background-color', 'rgb(255, 255, 255)');
  noConsoleErrors();
});

test('at 320 px: usable, and planchange / declined arrive with their documented details', async ({ page }) => {
  const noConsoleErrors = watchConsole(page);
  await page.setViewportSize({ width: 320, height: 700 });
  await page.goto('/?lang=en&shopper=demo-good');
  await page.waitForFunction(() => globalThis.PayLater);
  const events = page.evaluate(
    () =>
      /** @type {Promise<{ planchange?: PlanChangeDetail }>} */ (
        new Promise((resolve) => {
          /** @type {{ planchange?: PlanChangeDetail }} */
          const seen = {};
          const host = document.getElementById('pay-later');
          if (!host) throw new Error('no #pay-later on the demo page');
          host.addEventListener('paylater:planchange', (e) => {
            seen.planchange = e.detail;
            resolve(seen);
          });
        })
      ),
  );
  const widget = page.getByRole('region', { name: 'Pay later', exact: true });
  await widget.getByRole('button', { name: 'Pay later' }).click();
  await widget.getByRole('radio', { name: /6 monthly installments/ }).check();
  const { planchange } = await events;
  expect(planchange).toEqual({
    plan: 'installments_6',
    total: { amount: '1357.46', currency: 'CNY' },
    fee: { amount: '58.46', currency: 'CNY' },
  });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // Every control is at least 44 px tall.
  const small = await page.locator('#pay-later').evaluate((host) => {
    if (!host.shadowRoot) throw new Error('the widget has no open shadow root');
    return [...host.shadowRoot.querySelectorAll('button, label')].filter((el) => el.getBoundingClientRect().height < 44).map((el) => el.textContent);
  });
  expect(small).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/checkout-320.png`, fullPage: true });

  await page.goto('/?lang=en&shopper=demo-low-limit');
  await page.waitForFunction(() => globalThis.PayLater);
  const declined = page.evaluate(
    () =>
      /** @type {Promise<DeclinedDetail>} */ (
        new Promise((resolve) => {
          const host = document.getElementById('pay-later');
          if (!host) throw new Error('no #pay-later on the demo page');
          host.addEventListener('paylater:declined', (e) => resolve(e.detail));
        })
      ),
  );
  await page.getByRole('region', { name: 'Pay later', exact: true }).getByRole('button', { name: 'Pay later' }).click();
  const detail = await declined;
  expect(detail.reasons).toEqual(['limit_too_low']);
  expect(detail.available_limit).toEqual({ amount: '300.00', currency: 'CNY' });
  expect(detail.order_id).toMatch(/^ORDER-/);
  noConsoleErrors();
});

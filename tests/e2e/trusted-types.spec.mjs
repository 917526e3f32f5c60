// Pages that enforce Trusted Types (issue 25), under the strict policy a hardened checkout sends
// (playwright.config.mjs STRICT_CSP: `require-trusted-types-for 'script'; trusted-types pay-later`,
// no default policy): on the merchant build with a merchant's page beside it and on the demo's
// strict-CSP page, the checkout from the offer to the order placed over HTTP, the bills view and
// the repayment dialog to its receipt, a language loaded on demand, and a module that fails to
// load and recovers, each with zero violations reported by the browser. The `pay-later` policy
// refuses modules from another origin, and a page that enforces Trusted Types without allowing it
// is told what to add.
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { SANDBOX, SHOTS, expectNoAxeViolations } from './helpers.mjs';
import { STRICT_CSP, TRUSTED_TYPES_CSP } from '../../playwright.config.mjs';

/**
 * @import { Page } from '@playwright/test'
 * @import { TextKey } from '../../types/text-keys'
 * @typedef {typeof globalThis & { __violations: string[], __events: unknown[] }} ViolationHooks
 */

/** The merchant build, with tests/e2e/pages/ beside it; the demo build's strict-CSP server. */
const SITES = [
  {
    build: 'merchant build',
    origin: `http://127.0.0.1:${process.env.E2E_TRUSTED_TYPES_PORT ?? 4177}`,
    path: '/trusted-types.html',
    csp: TRUSTED_TYPES_CSP,
  },
  { build: 'demo build', origin: `http://127.0.0.1:${process.env.E2E_CSP_PORT ?? 4174}`, path: '/', csp: STRICT_CSP },
];

/**
 * A language's texts (locales/<tag>.json), by key.
 * @param {string} tag
 * @returns {Record<TextKey, string>}
 */
const texts = (tag) => JSON.parse(readFileSync(`locales/${tag}.json`, 'utf8'));

/**
 * Collects every CSP and Trusted Types violation the browser reports (the page's
 * `securitypolicyviolation` events and its console), every uncaught error and every console
 * error; the returned function asserts there were none (`allowed` errors excepted).
 * @param {Page} page
 */
async function watchViolations(page) {
  /** @type {string[]} */
  const reported = [];
  /** @type {string[]} */
  const errors = [];
  page.on('console', (m) => {
    // The browser's own reports (the widget's messages, which name the policy, start with [pay-later]).
    if (!m.text().startsWith('[pay-later]') && /Content Security Policy|Refused to|Trusted ?Type|TrustedHTML|TrustedScript/i.test(m.text()))
      reported.push(m.text());
    else if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(() => {
    const hooks = /** @type {ViolationHooks} */ (globalThis);
    hooks.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => hooks.__violations.push(`${e.effectiveDirective}: ${e.blockedURI} ${e.sample}`), true);
  });
  return {
    /** Asserts there were none since the page opened (or since `forget`). */
    async none(/** @type {RegExp[]} */ ...allowed) {
      const events = await page.evaluate(() => /** @type {ViolationHooks} */ (globalThis).__violations);
      expect([...reported, ...events], 'no CSP or Trusted Types violation').toEqual([]);
      expect(
        errors.filter((e) => !allowed.some((a) => a.test(e))),
        'no console errors',
      ).toEqual([]);
    },
    /** Forgets what was reported so far (a test's own probe). */
    async forget() {
      reported.length = 0;
      errors.length = 0;
      await page.evaluate(() => {
        /** @type {ViolationHooks} */ (globalThis).__violations = [];
      });
    },
  };
}

/**
 * Opens `site`'s page as a private copy of the demo's good shopper, talking to the sandbox.
 * @param {Page} page
 * @param {{ origin: string, path: string, csp: string }} site
 * @param {Record<string, string>} [query]
 */
async function open(page, site, query = {}) {
  const shopper = `demo-good+tt-${Date.now().toString(36)}`;
  const response = await page.goto(`${site.origin}${site.path}?${new URLSearchParams({ shopper, lang: 'en', api: SANDBOX, ...query })}`);
  expect(response?.headers()['content-security-policy']).toBe(site.csp);
  return shopper;
}

for (const site of SITES) {
  test(`${site.build} under enforced Trusted Types: the offer to the order placed, the bills to a receipt, no violation`, async ({ page }) => {
    const violations = await watchViolations(page);
    await open(page, site);
    // The page really enforces them: a plain string into a sink throws, and no default policy exists.
    expect(
      await page.evaluate(() => {
        try {
          document.createElement('div').innerHTML = '<b>x</b>';
          return 'written';
        } catch (e) {
          return String(e);
        }
      }),
    ).toMatch(/TrustedHTML/);
    expect(await page.evaluate(() => /** @type {any} */ (globalThis).trustedTypes.defaultPolicy)).toBeNull();
    // The watcher sees it (so it would see the widget's), then forgets the probe's own.
    await expect.poll(() => page.evaluate(() => /** @type {ViolationHooks} */ (globalThis).__violations.length)).toBeGreaterThan(0);
    await violations.forget();

    const checkout = page.locator('#pay-later');
    await checkout.getByRole('button', { name: 'Pay later' }).click();
    await expect(checkout.getByRole('group', { name: 'Choose a plan' }).getByRole('radio')).toHaveCount(4);
    await checkout.getByRole('button', { name: 'Confirm pay later' }).click();
    await expect(checkout.getByRole('heading', { name: 'Order placed' })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/trusted-types-${site.build.split(' ')[0]}-placed-1280.png`, fullPage: true });

    const bills = page.locator('#pay-later-bills');
    await bills.getByRole('button', { name: 'Repay early' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Repay early' });
    await expect(dialog.getByTestId('breakdown')).toBeVisible();
    const total = await dialog.getByTestId('quote-total').innerText();
    await dialog.getByRole('button', { name: `Pay ${total}` }).click();
    await expect(dialog.getByRole('heading', { name: 'Repayment successful' })).toBeFocused();
    await expect(dialog.getByTestId('receipt')).toHaveText(/^RC/);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: `${SHOTS}/trusted-types-${site.build.split(' ')[0]}-receipt-1280.png` });
    await violations.none();
  });

  test(`${site.build} under enforced Trusted Types: a language loaded on demand`, async ({ page }) => {
    const violations = await watchViolations(page);
    /** @type {string[]} */
    const fetched = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname.slice(1)));
    await open(page, site, { lang: 'ja' });
    const t = texts('ja');
    const checkout = page.getByRole('region', { name: t['widget.label'], exact: true });
    await checkout.getByRole('button', { name: t['offer.choose'] }).click();
    await expect(checkout.getByRole('group', { name: t['plans.legend'] }).getByRole('radio')).toHaveCount(4);
    await expect(page.locator('#pay-later-bills').getByRole('heading', { name: t['bills.heading'], exact: true })).toBeVisible();
    expect(fetched.filter((f) => f === 'pay-later-locale-ja.json')).toHaveLength(1);
    await violations.none();
  });

  test(`${site.build} under enforced Trusted Types: a module that fails to load, then recovers on Try again`, async ({ page }) => {
    const violations = await watchViolations(page);
    let broken = true;
    await page.route('**/pay-later-offer_bg.wasm', (route) => (broken ? route.fulfill({ status: 404, body: 'gone' }) : route.continue()));
    await open(page, site);
    const checkout = page.locator('#pay-later');
    const notice = checkout.getByRole('alert');
    await expect(notice).toContainText('Pay later could not load.');
    broken = false;
    await notice.getByRole('button', { name: 'Try again' }).click();
    await checkout.getByRole('button', { name: 'Pay later' }).click();
    await expect(checkout.getByRole('group', { name: 'Choose a plan' }).getByRole('radio')).toHaveCount(4);
    // The browser reports the 404, and that its body does not match the module's integrity hash.
    await violations.none(/could not load the widget's module \(offer\)/, /integrity/, /status of 404/);
  });
}

test('the pay-later policy refuses a module from another origin: nothing is fetched there, the shopper sees the notice, the console names the URL', async ({
  page,
}) => {
  const violations = await watchViolations(page);
  /** @type {string[]} */
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const elsewhere = 'http://127.0.0.1:9/evil/';
  /** @type {string[]} */
  const askedElsewhere = [];
  page.on('request', (r) => r.url().startsWith(elsewhere) && askedElsewhere.push(r.url()));
  await open(page, SITES[0], { assets: elsewhere });
  await expect(page.locator('#pay-later').getByRole('alert')).toContainText('Pay later could not load.');
  await expect
    .poll(() => errors.find((e) => e.includes(`refuses ${elsewhere}pay-later-offer.js`)))
    .toContain(`only the widget's own modules (pay-later-*.js) from ${SITES[0].origin}`);
  expect(askedElsewhere).toEqual([]);
  await violations.none(/could not load the widget's module/);
});

test('a page that enforces Trusted Types without allowing the pay-later policy: the notice, and the console says what to add', async ({ page }) => {
  /** @type {string[]} */
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const withoutOurs = TRUSTED_TYPES_CSP.replace('trusted-types pay-later', 'trusted-types shop-policy');
  await page.route('**/trusted-types.html*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': withoutOurs } });
  });
  await page.goto(`${SITES[0].origin}/trusted-types.html?${new URLSearchParams({ shopper: 'demo-good', api: SANDBOX })}`);
  await expect(page.locator('#pay-later').getByRole('alert')).toContainText('Pay later could not load.');
  await expect
    .poll(() => errors.find((e) => e.includes('does not allow the widget\'s policy "pay-later"')))
    .toContain('add it to the trusted-types directive, e.g. "trusted-types pay-later <your own policies>"');
});

test('where the browser has no Trusted Types, the widget loads and works as before (the same rule, plain strings)', async ({ page }) => {
  const violations = await watchViolations(page);
  await page.addInitScript(() => Object.defineProperty(globalThis, 'trustedTypes', { value: undefined }));
  await page.goto(`/?${new URLSearchParams({ shopper: 'demo-good', lang: 'en', api: SANDBOX })}`);
  expect(await page.evaluate(() => typeof (/** @type {any} */ (globalThis).trustedTypes))).toBe('undefined');
  const checkout = page.locator('#pay-later');
  await checkout.getByRole('button', { name: 'Pay later' }).click();
  await expect(checkout.getByRole('group', { name: 'Choose a plan' }).getByRole('radio')).toHaveCount(4);
  await expect(page.locator('#pay-later-bills').getByRole('button', { name: 'Repay early' }).first()).toBeVisible();
  await violations.none();
});

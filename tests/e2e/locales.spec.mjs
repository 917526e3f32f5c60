// The shoppers' languages loaded on demand: an order confirmed in Japanese with yen and in
// Traditional Chinese (zh-HK) with Hong Kong dollars, each language's file fetched once and only
// by pages that need it; Korean on a page whose `lang` asks for it; a merchant's `translations`
// override; English when a language's file cannot load.
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { SHOTS, expectNoAxeViolations, watchConsole } from './helpers.mjs';

/**
 * @import { Locator, Page } from '@playwright/test'
 * @import { PayLaterHandle } from '../../types/pay-later'
 * @import { TextKey } from '../../types/text-keys'
 * @typedef {typeof globalThis & { handle: PayLaterHandle }} LocalesHooks the page, with the handle
 *   of the widget a test mounts
 */

/**
 * A language's texts (locales/<tag>.json), by key.
 * @param {string} tag
 * @returns {Record<TextKey, string>}
 */
const texts = (tag) => JSON.parse(readFileSync(`locales/${tag}.json`, 'utf8'));
/**
 * `text` with its placeholders (`{count}`) filled in.
 * @param {string} text
 * @param {Record<string, string | number>} args
 */
const fill = (text, args) => Object.entries(args).reduce((t, [k, v]) => t.replace(`{${k}}`, String(v)), text);

/**
 * Serves `body` as a page in `lang` beside pay-later.js; the files it fetches.
 * @param {Page} page
 * @param {string} body
 * @param {string} [lang]
 */
async function openPage(page, body, lang = 'en') {
  /** @type {string[]} */
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname.slice(1)));
  await page.route('**/locales-test.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Locales</title>
        <script type="module" src="/pay-later.js"></script></head><body><main><h1>Locales</h1>${body}</main></body></html>`,
    }),
  );
  await page.goto('/locales-test.html');
  return fetched;
}

/**
 * @param {Locator} widget
 * @param {Record<TextKey, string>} t the widget's language's texts
 */
async function confirmOrder(widget, t) {
  await widget.getByRole('button', { name: t['offer.choose'] }).click();
  await widget.getByRole('radio', { name: new RegExp(fill(t['plan.installments'], { count: 3 }).replace(/[()（）]/g, '.')) }).check();
  await widget.getByRole('button', { name: t['confirm.button'] }).click();
  await expect(widget.getByRole('heading', { name: t['confirmed.placed_heading'] })).toBeVisible();
}

for (const { tag, locale, currency, amount, shown, token, shot } of [
  { tag: 'ja', locale: 'ja', currency: 'JPY', amount: '129900', shown: '￥129,900', token: 'demo-jp', shot: 'locale-ja-jpy' },
  { tag: 'zh-Hant', locale: 'zh-HK', currency: 'HKD', amount: '1299.00', shown: 'HK$1,299.00', token: 'demo-hk', shot: 'locale-zh-hk-hkd' },
]) {
  test(`an order in ${locale} with ${currency}: the ${tag} texts loaded once, amounts and dates in its way`, async ({ page }) => {
    const noConsoleErrors = watchConsole(page);
    const t = texts(tag);
    const fetched = await openPage(
      page,
      `<div id="w" data-pay-later data-amount="${amount}" data-currency="${currency}" data-locale="${locale}" data-session-token="${token}" data-merchant-id="M-DEMO-SHOP" data-order-id="${tag}-1"></div>`,
    );
    const widget = page.getByRole('region', { name: t['widget.label'], exact: true });
    await expect(widget.getByTestId('order-total')).toHaveText(shown);
    await expect(widget).toHaveAttribute('lang', tag);
    await confirmOrder(widget, t);
    // The hold's date, written as the language writes dates.
    await expect(widget.getByText(/\d{4}年\d{1,2}月\d{1,2}日/).first()).toBeVisible();
    expect(fetched.filter((f) => f === `pay-later-locale-${tag}.json`)).toHaveLength(1);
    expect(fetched.filter((f) => f.startsWith('pay-later-locale-') && f !== `pay-later-locale-${tag}.json`)).toEqual([]);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: `${SHOTS}/${shot}-1280.png`, fullPage: true });
    noConsoleErrors();
  });
}

test("Korean from the page's lang, a merchant's translations over it, English when the file cannot load", async ({ page }) => {
  const ko = texts('ko');
  await openPage(page, `<div id="a" data-pay-later data-amount="1299.00" data-merchant-id="M-DEMO-SHOP" data-order-id="KO-1"></div>`, 'ko-KR');
  const a = page.locator('#a');
  await expect(a.getByRole('button', { name: ko['offer.choose'] })).toBeVisible();
  // Yuan as Korean shoppers read it (CN¥: ₩ is theirs).
  await expect(a.getByText(/^월 CN¥117\.78부터$/)).toBeVisible();
  // The merchant's own words, checked and applied in place.
  await page.evaluate(() => {
    const el = document.getElementById('a');
    if (!el) throw new Error('no #a on the page');
    globalThis.PayLater.mount(el, { translations: { 'offer.title': '지금 사고 나중에 결제', ko: { 'offer.choose': '나중에 결제로 계속' } } });
  });
  await expect(a.getByRole('heading', { name: '지금 사고 나중에 결제' })).toBeVisible();
  await expect(a.getByRole('button', { name: '나중에 결제로 계속' })).toBeVisible();

  // A language whose file does not load: English, and a warning for the developer.
  /** @type {string[]} */
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await page.route('**/pay-later-locale-ja.json', (route) => route.fulfill({ status: 404, body: '' }));
  await page.evaluate(() => {
    const el = document.createElement('div');
    el.id = 'b';
    const main = document.querySelector('main');
    if (!main) throw new Error('the page has no <main>');
    main.append(el);
    globalThis.PayLater.mount(el, { amount: '10.00', locale: 'ja' });
  });
  await expect(page.locator('#b').getByRole('button', { name: 'Pay later' })).toBeVisible();
  expect(warnings.some((w) => w.includes('[pay-later] the ja texts did not load'))).toBe(true);
});

// A widget without a locale option speaks the page's language, and keeps it when the merchant
// changes its amount: as an attribute of a `data-pay-later` element or of a
// `<pay-later-checkout>`, and through a `PayLater.mount` handle's `update`.
for (const { lang, tag } of [
  { lang: 'en', tag: 'en' },
  { lang: 'ja', tag: 'ja' },
  { lang: 'ko', tag: 'ko' },
  { lang: 'zh-HK', tag: 'zh-Hant' },
  { lang: 'zh-CN', tag: 'zh-CN' },
]) {
  test(`a page in ${lang}: the widget keeps the page's language when its amount changes, in every embedding`, async ({ page }) => {
    const noConsoleErrors = watchConsole(page);
    const t = texts(tag);
    await openPage(
      page,
      `<div id="attr" data-pay-later data-amount="1299.00" data-merchant-id="M-DEMO-SHOP" data-order-id="L-1"></div>
       <pay-later-checkout id="element" amount="1299.00" merchant-id="M-DEMO-SHOP" order-id="L-2"></pay-later-checkout>
       <div id="mounted"></div>`,
      lang,
    );
    await page.waitForFunction(() => globalThis.PayLater);
    await page.evaluate(() => {
      const el = document.getElementById('mounted');
      if (!el) throw new Error('no #mounted on the page');
      /** @type {LocalesHooks} */ (globalThis).handle = globalThis.PayLater.mount(el, { amount: '1299.00', merchantId: 'M-DEMO-SHOP', orderId: 'L-3' });
    });
    const widgets = ['#attr', '#element', '#mounted'].map((id) => page.locator(id).getByRole('region', { name: t['widget.label'], exact: true }));
    for (const widget of widgets) {
      await expect(widget).toHaveAttribute('lang', tag);
      await expect(widget.getByTestId('order-total')).toContainText('1,299.00');
    }
    await page.evaluate(() => {
      const [attr, element] = [document.getElementById('attr'), document.getElementById('element')];
      if (!attr || !element) throw new Error('no #attr or #element on the page');
      attr.setAttribute('data-amount', '1599.00');
      element.setAttribute('amount', '1599.00');
      /** @type {LocalesHooks} */ (globalThis).handle.update({ amount: '1599.00' });
    });
    for (const widget of widgets) {
      await expect(widget.getByTestId('order-total')).toContainText('1,599.00');
      await expect(widget).toHaveAttribute('lang', tag);
      await expect(widget.getByRole('button', { name: t['offer.choose'] })).toBeVisible();
    }
    noConsoleErrors();
  });
}

test('a translation that drops a placeholder is refused with what to do', async ({ page }) => {
  /** @type {string[]} */
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await openPage(page, `<div id="a"></div>`);
  await page.evaluate(() => {
    const el = document.getElementById('a');
    if (!el) throw new Error('no #a on the page');
    globalThis.PayLater.mount(el, { amount: '10.00', locale: 'en', translations: { 'offer.from_per_month': 'Monthly payments' } });
  });
  await expect(page.locator('#a').getByRole('alert')).toContainText('Pay later is unavailable here');
  expect(errors.some((e) => e.includes('translations: the text of "offer.from_per_month" must keep the placeholders ["amount"]'))).toBe(true);
});

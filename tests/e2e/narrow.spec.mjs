// Every view whole at 320 px, in every language: the demo page on a 320 px phone against the HTTP
// sandbox, walked through each state a shopper can reach (the offer, the agreement, the plans, the
// order placed, a decline, the bills, a bill's plan, the repayment dialog in each scope, the receipt,
// the records), failing when any box inside a widget ends past the viewport or past its dialog,
// or the page scrolls sideways. Buttons are found by role and by their words in that language.
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { CLOCK_SANDBOX, SANDBOX, SHOTS } from './helpers.mjs';

/**
 * @import { Page } from '@playwright/test'
 */

const WIDTH = 320;
/** The page's language (`?lang=`) and the locale file of its words. */
const LANGUAGES = [
  ['zh-CN', 'zh-CN'],
  ['en', 'en'],
  ['zh-HK', 'zh-Hant'],
  ['ja', 'ja'],
  ['ko', 'ko'],
];

/**
 * The words of `file` (locales/<file>.json), English where it has none, by key.
 * @param {string} file
 * @returns {(key: string) => string}
 */
function wordsOf(file) {
  /** @type {Record<string, string>} */
  const english = JSON.parse(readFileSync('locales/en.json', 'utf8'));
  /** @type {Record<string, string>} */
  const words = JSON.parse(readFileSync(`locales/${file}.json`, 'utf8'));
  return (key) => {
    const text = words[key] ?? english[key];
    if (text === undefined) throw new Error(`no text ${key} in locales/en.json`);
    return text;
  };
}

/**
 * A name matcher for a text with `{placeholders}`: the words around them, in order.
 * @param {string} text
 */
function named(text) {
  const parts = text.split(/\{[a-z_]+\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`);
}

/**
 * Boxes that end past the viewport, or past the dialog they are in, inside every widget's shadow
 * root; and whether the page scrolls sideways. Described by tag, class and text, to find them.
 * @param {Page} page
 * @returns {Promise<string[]>}
 */
function overflows(page) {
  return page.evaluate((width) => {
    /** @type {string[]} */
    const found = [];
    const slack = 0.5;
    if (document.documentElement.scrollWidth > width + slack) found.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px wide`);
    /** @param {Element} el */
    const label = (el) => `<${el.localName}${el.className ? ` class="${el.className}"` : ''}> "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    /** @param {Element} el */
    const clipped = (el) => {
      // Visually hidden text (clip or 1 px) is not seen: not a box that sticks out.
      for (let e = /** @type {Element | null} */ (el); e; e = e.parentElement) {
        const style = getComputedStyle(e);
        if (style.position === 'absolute' && (style.clip !== 'auto' || style.clipPath !== 'none')) return true;
        if (e.getBoundingClientRect().width <= 1) return true;
      }
      return false;
    };
    /** @type {Map<Element, string>} what sticks out, and how */
    const out = new Map();
    /** @param {ShadowRoot} root */
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        const rect = el.getBoundingClientRect();
        if (rect.width === 0 || rect.height === 0 || getComputedStyle(el).visibility === 'hidden' || clipped(el)) continue;
        if (rect.right > width + slack || rect.left < -slack) out.set(el, `spans ${Math.round(rect.left)}–${Math.round(rect.right)} px of ${width}`);
        const dialog = el.closest('[role=dialog]');
        if (dialog && dialog !== el) {
          const frame = dialog.getBoundingClientRect();
          if (rect.right > frame.right + slack) out.set(el, `ends ${Math.round(rect.right - frame.right)} px past its dialog`);
        }
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    for (const host of document.querySelectorAll('[data-pay-later], pay-later-checkout')) if (host.shadowRoot) walk(host.shadowRoot);
    // The boxes that stick out themselves, not only because something inside them does.
    for (const [el, how] of out) if (![...out.keys()].some((other) => other !== el && el.contains(other))) found.push(`${label(el)} ${how}`);
    return found;
  }, WIDTH);
}

/**
 * Fails with every box that sticks out in `state`, after a screenshot of it.
 * @param {Page} page
 * @param {string} lang
 * @param {string} state
 */
async function expectWhole(page, lang, state) {
  // The dialog's states as the phone shows them; the others whole.
  await page.screenshot({ path: `${SHOTS}/narrow-${lang}-${state}.png`, fullPage: !/dialog|receipt/.test(state) });
  expect(await overflows(page), `${state} at ${WIDTH} px in ${lang}`).toEqual([]);
}

test.use({ viewport: { width: WIDTH, height: 640 } });

for (const [lang, file] of LANGUAGES) {
  const t = wordsOf(file);
  /**
   * The demo page in `lang` as `shopper`.
   * @param {Page} page
   * @param {string} shopper
   */
  const open = (page, shopper) =>
    page.goto(`/?${new URLSearchParams({ lang, shopper: `${shopper}+narrow-${lang}-${Date.now().toString(36)}`, api: SANDBOX })}`);

  test(`checkout at ${WIDTH} px in ${lang}: offer, agreement, plans, order placed, decline`, async ({ page }) => {
    await open(page, 'demo-new');
    const checkout = page.locator('#pay-later');
    await expect(checkout.getByTestId('offer-line')).toContainText(/\d/);
    await expectWhole(page, lang, 'offer');
    await checkout.getByRole('button', { name: t('offer.choose') }).click();
    await expect(checkout.getByRole('checkbox', { name: named(t('agreement.accept')) })).toBeVisible();
    await expectWhole(page, lang, 'agreement');
    await checkout.getByRole('checkbox', { name: named(t('agreement.accept')) }).check();
    await expect(checkout.getByRole('radio')).toHaveCount(4);
    await expectWhole(page, lang, 'plans');
    await checkout.getByRole('button', { name: t('confirm.button') }).click();
    await expect(
      checkout.getByRole('heading', { name: named(t('confirmed.placed_heading')) }).or(checkout.getByRole('heading', { name: named(t('confirmed.heading')) })),
    ).toBeVisible({ timeout: 10_000 });
    await expectWhole(page, lang, 'order-placed');
    await open(page, 'demo-low-score');
    await page
      .locator('#pay-later')
      .getByRole('button', { name: t('offer.choose') })
      .click();
    await expect(page.locator('#pay-later').getByRole('heading', { name: named(t('declined.heading')) })).toBeVisible();
    await expectWhole(page, lang, 'declined');
  });

  test(`account at ${WIDTH} px in ${lang}: bills, a plan, autopay, the dialog in each scope and another amount, the receipt, the records`, async ({ page }) => {
    await open(page, 'demo-good');
    const bills = page.locator('#pay-later-bills');
    await expect(bills.getByTestId('bill-list')).toBeVisible();
    await expectWhole(page, lang, 'bills');
    const bill = bills.locator('[data-bill-id="bill_on_schedule"]');
    await bill.getByRole('button', { name: named(t('bill.show_plan')) }).click();
    await expect(bill.getByRole('table')).toBeVisible();
    await expect(bill.getByRole('button', { name: t('bill.add_to_calendar') })).toBeVisible();
    await expectWhole(page, lang, 'plan');
    // Autopay on from the plan: the card says with what and when.
    const autopay = bill.getByTestId('autopay-panel');
    await autopay.getByRole('radio').first().check();
    await autopay.getByRole('button', { name: t('autopay.turn_on') }).click();
    await expect(bill.getByTestId('bill-autopay')).not.toBeEmpty();
    await expectWhole(page, lang, 'autopay-on');
    await bill.getByRole('button', { name: t('repay.title') }).click();
    const dialog = page.getByRole('dialog', { name: t('repay.title') });
    await expect(dialog.getByTestId('quote-total')).toBeVisible();
    await expectWhole(page, lang, 'dialog-next');
    // Another amount: the field with a mistake named, then a quote with what it pays on each installment.
    await dialog.getByRole('radio', { name: named(t('repay.scope.amount')) }).check();
    const apply = dialog.getByRole('button', { name: t('repay.amount.apply') });
    await apply.click();
    await expect(dialog.getByTestId('amount-error')).toHaveText(t('repay.amount.empty'));
    await expectWhole(page, lang, 'dialog-amount-refused');
    await dialog.getByRole('textbox', { name: t('repay.amount.label') }).fill('12.34');
    await apply.click();
    await expect(dialog.getByTestId('quote-lines')).toBeVisible();
    await expectWhole(page, lang, 'dialog-amount');
    await dialog.getByRole('radio', { name: named(t('repay.scope.settle')) }).check();
    await expect(dialog.getByTestId('quote-total')).toBeVisible();
    await expectWhole(page, lang, 'dialog-settle');
    await dialog.getByRole('button', { name: named(t('repay.pay')) }).click();
    await expect(dialog.getByTestId('receipt')).toBeVisible({ timeout: 10_000 });
    await expectWhole(page, lang, 'receipt');
    await dialog
      .getByRole('button', { name: t('repay.close') })
      .last()
      .click();
    await expect(dialog).toBeHidden();
    await expect(bills.getByRole('heading', { name: t('records.heading'), exact: true })).toBeVisible();
    await bills.getByRole('heading', { name: t('records.heading'), exact: true }).scrollIntoViewIfNeeded();
    await expectWhole(page, lang, 'records');
  });
}

test(`an autopay charge the card could not cover, at ${WIDTH} px in every language`, async ({ page, request }) => {
  // Autopay on for a copy of demo-no-funds per language, then the sandbox's clock (its own) moves
  // past the next due date: each card shows the failed charge.
  const run = Date.now().toString(36);
  const tokens = LANGUAGES.map(([lang]) => `demo-no-funds+narrow-autopay-${lang}-${run}`);
  const as = (/** @type {string} */ token) => ({ authorization: `Bearer ${token}` });
  for (const token of tokens) {
    const on = await request.put(`${CLOCK_SANDBOX}/v1/bills/bill_no_funds/autopay`, { headers: as(token), data: { payment_method_id: 'pm_card_1234' } });
    expect(on.status()).toBe(200);
  }
  const bill = await (await request.get(`${CLOCK_SANDBOX}/v1/bills/bill_no_funds`, { headers: as(tokens[0]) })).json();
  const clock = await (await request.get(`${CLOCK_SANDBOX}/sandbox/clock`)).json();
  const today = clock.now.slice(0, 10);
  const next = bill.installments.find((/** @type {{ due_date: string }} */ i) => i.due_date > today);
  const days = Math.round((Date.parse(`${next.due_date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000) + 1;
  expect((await request.post(`${CLOCK_SANDBOX}/sandbox/clock`, { data: { days } })).status()).toBe(200);
  for (const [n, [lang]] of LANGUAGES.entries()) {
    await page.goto(`/?${new URLSearchParams({ lang, shopper: tokens[n], api: CLOCK_SANDBOX })}`);
    const card = page.locator('#pay-later-bills').locator('[data-bill-id="bill_no_funds"]');
    await expect(card.locator('.plw-bill__autopay-failed')).toBeVisible();
    await expectWhole(page, lang, 'autopay-failed');
  }
});

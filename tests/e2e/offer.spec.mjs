// The offer beside the order total is the provider's (GET /v1/offers), never the widget's own
// figure: a provider with other fees gets its own line, and the plans a click later agree with it.
// A failed offer leaves Pay later working, without the figure.
import { test, expect } from '@playwright/test';
import { OTHER_FEES_SANDBOX, SANDBOX, expectNoAxeViolations, openCheckout, watchConsole } from './helpers.mjs';

/** @import { Request } from '@playwright/test' */

test('a provider with other fees: the offer line and the plans both follow its prices', async ({ page }) => {
  const noConsoleErrors = watchConsole(page);
  /** @type {Request[]} */
  const offerCalls = [];
  page.on('request', (r) => r.url().includes('/v1/offers') && offerCalls.push(r));
  const widget = await openCheckout(page, { api: OTHER_FEES_SANDBOX });
  // 12 installments at 6 %: ¥1,299.00 + ¥77.94 fee, the first ¥108.25 + ¥6.50 (not ¥117.78).
  await expect(widget.getByTestId('offer-line')).toHaveText('From ¥114.75 / month');
  await expect(widget.getByText('or pay in full in 30 days, no fee')).toBeVisible();
  // Fetched once, by the loader, beside the module, without the session token.
  expect(offerCalls).toHaveLength(1);
  expect(await offerCalls[0].headerValue('authorization')).toBeNull();
  await widget.getByRole('button', { name: 'Pay later' }).click();
  const card = (/** @type {string} */ plan) => widget.locator('label', { has: page.locator(`input[value="${plan}"]`) });
  await expect(card('installments_12')).toContainText('First payment ¥114.75 · fee ¥77.94');
  // installments_3 is interest-free here: no fee, APR 0.
  await expect(card('installments_3')).toContainText('fee ¥0.00');
  await expect(card('installments_3')).toContainText('APR 0%');
  await expectNoAxeViolations(page);
  noConsoleErrors();
});

test('the default provider: the line is the first payment of its cheapest monthly plan', async ({ page }) => {
  const widget = await openCheckout(page, { api: SANDBOX });
  await expect(widget.getByTestId('offer-line')).toHaveText('From ¥117.78 / month');
});

test('an offer that cannot be had: Pay later without the figure, and the plans as usual', async ({ page }) => {
  await page.route('**/v1/offers?**', (route) => route.fulfill({ status: 503, body: 'unavailable' }));
  const widget = await openCheckout(page, { api: SANDBOX });
  const button = widget.getByRole('button', { name: 'Pay later' });
  await expect(button).toBeVisible();
  // The reads were tried again (300 ms, 900 ms) and gave up: no figure, no error in the shopper's way.
  await page.waitForTimeout(1500);
  await expect(widget.getByTestId('offer-line')).toHaveText('');
  await expect(widget.getByRole('alert')).toHaveCount(0);
  await button.click();
  await expect(widget.getByRole('group', { name: 'Choose a plan' }).getByRole('radio')).toHaveCount(4);
});

// The annualized rate (年化利率 / APR) as the shopper reads it equals what the API sends: every plan
// on offer (the 30-day plan at 0 %), the chosen plan's schedule, every bill's plan; late interest as
// its daily rate and its annual equivalent in the agreement and on an overdue bill. Against the
// HTTP sandbox, in English and in Chinese.
import { test, expect } from '@playwright/test';
import { SANDBOX, SHOTS, expectNoAxeViolations, openCheckout, sandboxGet, watchConsole } from './helpers.mjs';

/**
 * @import { BillList } from './helpers.mjs'
 * @import { PlanKind } from '../../types/pay-later'
 */

/**
 * A decimal fraction string as the widget writes it as a percentage: "0.1527" → "15.27%",
 * "0.1500" → "15%", "0" → "0%" (string arithmetic: no float rounding in the check).
 * @param {string} fraction
 */
function percent(fraction) {
  const [whole, digits = ''] = fraction.split('.');
  const padded = `${digits}0000`;
  const units = String(Number(whole) * 100 + Number(padded.slice(0, 2)));
  const rest = padded.slice(2).replace(/0+$/, '');
  return rest ? `${units}.${rest}%` : `${units}%`;
}

test('percent() writes fractions as the widget does', () => {
  expect([percent('0.1527'), percent('0.15'), percent('0'), percent('0.0005'), percent('0.1825'), percent('1.2')]).toEqual([
    '15.27%',
    '15%',
    '0%',
    '0.05%',
    '18.25%',
    '120%',
  ]);
});

test('every plan shows the APR the API computed, the 30-day plan 0 %, and the schedule repeats it', async ({ page }) => {
  const noConsoleErrors = watchConsole(page);
  const widget = await openCheckout(page, { shopper: 'demo-good', lang: 'en' });
  const answer = page.waitForResponse((r) => r.url().endsWith('/v1/eligibility') && r.request().method() === 'POST');
  await widget.getByRole('button', { name: 'Pay later' }).click();
  /** @type {{ plans: { plan: PlanKind, annual_rate: string }[] }} the eligibility answer (openapi.yaml: Eligibility) */
  const { plans } = await (await answer).json();
  expect(plans.map((p) => p.plan)).toEqual(['pay_in_30_days', 'installments_3', 'installments_6', 'installments_12']);
  expect(plans[0].annual_rate).toBe('0');
  for (const plan of plans) {
    const card = widget.locator('label', { has: page.locator(`input[value="${plan.plan}"]`) });
    await expect(card).toContainText(`APR ${percent(plan.annual_rate)}`);
  }
  // The 6-month plan on ¥1,299.00 (4.5 % fee): 15.27 % a year, by the IRR method.
  expect(plans[2].annual_rate).toBe('0.1527');
  await widget.getByRole('radio', { name: /6 monthly installments/ }).check();
  await expect(widget.getByTestId('schedule-apr')).toHaveText('15.27%');
  await expect(widget.getByTestId('schedule').getByText('Annual rate (APR)', { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
  await widget.screenshot({ path: `${SHOTS}/apr-plans-1280.png` });
  noConsoleErrors();
});

test('in Chinese: 年化利率 beside the fee', async ({ page }) => {
  const widget = await openCheckout(page, { shopper: 'demo-good', lang: 'zh-CN' });
  await widget.getByRole('button', { name: '使用先享后付' }).click();
  await expect(widget.locator('label', { has: page.locator('input[value="installments_6"]') })).toContainText('年化利率 15.27%');
  await expect(widget.locator('label', { has: page.locator('input[value="pay_in_30_days"]') })).toContainText('年化利率 0%');
});

test("every bill shows its plan's APR as the API sends it; an overdue bill and the agreement show late interest by day and year", async ({ page, request }) => {
  const shopper = `demo-good+apr-${Date.now().toString(36)}`;
  /** @type {BillList} */
  const { bills } = await sandboxGet(request, shopper, '/v1/bills?status=all');
  await page.goto(`/?${new URLSearchParams({ shopper, lang: 'en', api: SANDBOX })}`);
  const account = page.locator('#pay-later-bills');
  await account.getByRole('radio', { name: 'All' }).check();
  for (const bill of bills) {
    await expect(account.locator(`[data-bill-id="${bill.id}"]`).getByTestId('bill-order')).toContainText(`APR ${percent(bill.annual_rate)}`);
  }
  const overdue = bills.find((b) => b.status === 'overdue');
  if (!overdue) throw new Error(`no overdue bill among ${bills.map((b) => b.status)}`);
  expect(overdue.late_interest_daily_rate).toBe('0.0005');
  await expect(account.locator(`[data-bill-id="${overdue.id}"]`).getByTestId('bill-late-rate')).toHaveText('Late interest: 0.05% a day (18.25% a year)');
  const agreement = await sandboxGet(request, 'demo-new', '/v1/agreement');
  const widget = await openCheckout(page, { shopper: 'demo-new', lang: 'en' });
  await widget.getByRole('button', { name: 'Pay later' }).click();
  await expect(widget.getByTestId('agreement-late-rate')).toHaveText(`Late interest: ${percent(agreement.late_interest_daily_rate)} a day (18.25% a year)`);
});

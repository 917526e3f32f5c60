// Checkout journeys on the built page against the HTTP sandbox, one per demo shopper, as a
// shopper finds things (roles and labels), with axe in every state and screenshots at 1280 and
// 360 px.
import { test, expect } from '@playwright/test';
import { SHOTS, captureOrder, checkoutStatus, englishDate, expectNoAxeViolations, openCheckout, sandboxGet, watchConsole, yuan } from './helpers.mjs';

/**
 * @import { ApprovedDetail } from '../../types/pay-later'
 * @import { Bill, Order, OrderList } from './helpers.mjs'
 */

/** @type {() => void} set before each test */
let noConsoleErrors;
test.beforeEach(({ page }) => {
  noConsoleErrors = watchConsole(page);
});
test.afterEach(() => noConsoleErrors());

test('the offer: total, monthly line, no axe violations (in-browser mock, zh-CN)', async ({ page }) => {
  const widget = await openCheckout(page, { lang: 'zh-CN', api: null });
  await expect(widget.getByTestId('order-total')).toHaveText('¥1,299.00');
  await expect(widget.getByTestId('offer-line')).toHaveText('低至 ¥117.78/月');
  await expect(widget.getByRole('button', { name: '使用先享后付' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/offer-zh-1280.png`, fullPage: true });
});

test('good shopper confirms 6 installments; once the shop captures, the schedule shown equals the sandbox bill', async ({ page, request }) => {
  const widget = await openCheckout(page, { shopper: 'demo-good' });
  const approved = page.evaluate(
    () =>
      /** @type {Promise<ApprovedDetail>} */ (
        new Promise((resolve) => {
          const host = document.getElementById('pay-later');
          if (!host) throw new Error('no #pay-later on the demo page');
          host.addEventListener('paylater:approved', (e) => resolve(e.detail));
        })
      ),
  );
  await widget.getByRole('button', { name: 'Pay later' }).click();
  const plans = widget.getByRole('group', { name: 'Choose a plan' });
  await expect(plans.getByRole('radio')).toHaveCount(4);
  await expectNoAxeViolations(page);
  // Arrow keys move between plans.
  await plans.getByRole('radio', { name: /Pay in 30 days/ }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(plans.getByRole('radio', { name: /3 monthly installments/ })).toBeChecked();
  await page.keyboard.press('ArrowDown');
  const six = plans.getByRole('radio', { name: /6 monthly installments/ });
  await expect(six).toBeChecked();
  const schedule = widget.getByRole('table', { name: 'Repayment plan: 6 monthly installments' });
  await expect(schedule.getByRole('row')).toHaveCount(7);
  const shownRows = await schedule.locator('tbody tr').allInnerTexts();
  await page.screenshot({ path: `${SHOTS}/checkout-plans-1280.png`, fullPage: true });

  await widget.getByRole('button', { name: 'Confirm pay later' }).click();
  await expect(checkoutStatus(page)).toHaveAttribute('data-status', 'confirmed');
  // Placed, not yet owed: the shop's server has to capture it.
  await expect(widget.getByRole('heading', { name: 'Order placed' })).toBeFocused();
  await expect(
    widget.getByText(/Waiting for 演示商店 Demo shop to confirm your order\. You owe nothing until they do; ¥1,299\.00 is held on your limit until/),
  ).toBeVisible();
  const detail = await approved;
  expect(detail).toMatchObject({ plan: 'installments_6', status: 'authorized', merchant_id: 'M-DEMO-SHOP', amount: { amount: '1299.00', currency: 'CNY' } });
  expect(detail.authorization_id).toMatch(/^auth_/);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/checkout-placed-1280.png`, fullPage: true });
  /** @type {Order} */
  const order = await captureOrder(request, detail.order_id, detail.authorization_id, '1299.00');
  await expect(widget.getByRole('heading', { name: 'Pay later confirmed by the shop' })).toBeVisible({ timeout: 10_000 });

  // What the widget showed is what the API holds.
  /** @type {Bill} */
  const bill = await sandboxGet(request, 'demo-good', `/v1/bills/${order.bill_id}`);
  expect(bill.plan).toBe('installments_6');
  expect(bill.installments).toHaveLength(6);
  bill.installments.forEach((installment, i) => {
    expect(shownRows[i]).toContain(englishDate(installment.due_date));
    expect(shownRows[i]).toContain(yuan(installment.amount.amount));
  });
  const first = bill.installments[0];
  await expect(widget.getByText(`Your first payment of ${yuan(first.amount.amount)} is due on ${englishDate(first.due_date)}.`)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/checkout-confirmed-1280.png`, fullPage: true });
});

test('new shopper reads and accepts the agreement, then confirms', async ({ page, request }) => {
  const widget = await openCheckout(page, { shopper: 'demo-new' });
  await widget.getByRole('button', { name: 'Pay later' }).click();
  await expect(widget.getByRole('heading', { name: 'Activate pay later' })).toBeVisible();
  const agreement = widget.getByRole('region', { name: /Pay Later Service Agreement/ });
  await expect(agreement).toContainText('提前还款 Early repayment');
  const consent = widget.getByRole('checkbox', { name: /I have read and accept the service agreement \(version 2026-10\)/ });
  await expectNoAxeViolations(page);
  // The agreement's late interest reads like the lines around it, not larger.
  const late = widget.getByTestId('agreement-late-rate');
  await expect(late).toHaveText('Late interest: 0.05% a day (18.25% a year)');
  const sizeOf = (/** @type {import('@playwright/test').Locator} */ l) => l.evaluate((e) => getComputedStyle(e).fontSize);
  expect(await sizeOf(late)).toBe(await sizeOf(widget.getByText('Version 2026-10', { exact: true })));
  await widget.getByRole('button', { name: 'Confirm pay later' }).click();
  await expect(widget.getByText('Accept the service agreement to confirm pay later.')).toBeVisible();
  await expect(consent).toBeFocused();
  await expect(checkoutStatus(page)).toHaveAttribute('data-status', 'eligible');
  await page.screenshot({ path: `${SHOTS}/checkout-agreement-1280.png`, fullPage: true });
  await consent.check();
  await widget.getByRole('button', { name: 'Confirm pay later' }).click();
  await expect(checkoutStatus(page)).toHaveAttribute('data-status', 'confirmed');
  const me = await sandboxGet(request, 'demo-new', '/v1/me');
  expect(me.activation).toBe('activated');
  expect(me.agreement_version).toBe('2026-10');
});

for (const [shopper, reason] of [
  ['demo-low-score', "Your credit score doesn't meet the requirement for pay later yet."],
  ['demo-low-limit', 'Your available pay-later limit is ¥300.00, less than this order.'],
  ['demo-overdue', 'You have an overdue bill. Repay it first to use pay later again.'],
]) {
  test(`${shopper} sees the reason in words and a way back`, async ({ page }) => {
    const widget = await openCheckout(page, { shopper });
    await widget.getByRole('button', { name: 'Pay later' }).click();
    await expect(widget.getByRole('heading', { name: "Pay later isn't available for this order" })).toBeVisible();
    await expect(widget.getByRole('listitem')).toHaveText([reason]);
    await expect(widget.getByText('Please choose another payment method to complete your purchase.')).toBeVisible();
    await expectNoAxeViolations(page);
    if (shopper === 'demo-low-limit') await page.screenshot({ path: `${SHOTS}/checkout-declined-1280.png`, fullPage: true });
    await widget.getByRole('button', { name: 'Choose another payment method' }).click();
    await expect(widget.getByRole('button', { name: 'Pay later' })).toBeVisible();
  });
}

test('a double click on confirm creates one order', async ({ page, request }) => {
  const widget = await openCheckout(page, { shopper: 'demo-good' });
  await widget.getByRole('button', { name: 'Pay later' }).click();
  await widget.getByRole('radio', { name: /3 monthly installments/ }).check();
  const orderId = await page.locator('#pay-later').getAttribute('data-order-id');
  await widget.getByRole('button', { name: 'Confirm pay later' }).dblclick();
  await expect(checkoutStatus(page)).toHaveAttribute('data-status', 'confirmed');
  /** @type {OrderList} */
  const { orders } = await sandboxGet(request, 'demo-good', '/v1/orders?status=all&limit=200');
  expect(orders.filter((o) => o.order_id === orderId)).toHaveLength(1);
});

test('at 360 px: the plans and schedule fit, nothing overflows, no axe violations', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  const widget = await openCheckout(page, { shopper: 'demo-good', lang: 'zh-CN' });
  await widget.getByRole('button', { name: '使用先享后付' }).click();
  await widget.getByRole('radio', { name: /分 12 期/ }).check();
  await expect(widget.getByRole('table')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/checkout-plans-360.png`, fullPage: true });
});

test("in the in-browser demo the mock plays the shop's server: it captures with the shop's own total and refuses a tampered amount", async ({ page }) => {
  const widget = await openCheckout(page, { shopper: 'demo-good', api: null });
  const shop = page.locator('#merchant-status');
  await expect(page.locator('#demo-merchant-note')).toContainText("the in-browser mock plays the shop's server");
  await widget.getByRole('button', { name: 'Pay later' }).click();
  await widget.getByRole('button', { name: 'Confirm pay later' }).click();
  await expect(shop).toHaveAttribute('data-status', 'paid', { timeout: 10_000 });
  // The order the shop names is the order on the page, for the total the page shows.
  const orderId = await page.locator('#pay-later').getAttribute('data-order-id');
  await expect(page.getByRole('heading', { name: `订单 Order ${orderId}` })).toBeVisible();
  await expect(shop).toContainText(`The shop captured ¥1,299.00: order ${orderId} is paid.`);
  await expect(widget.getByRole('heading', { name: 'Pay later confirmed by the shop' })).toBeVisible({ timeout: 10_000 });
  await page.screenshot({ path: `${SHOTS}/demo-mock-paid-1280.png`, fullPage: true });

  // A new visit, and the amount edited in devtools: the shop's total is still ¥1,299.00.
  await openCheckout(page, { shopper: 'demo-good', api: null });
  await page.evaluate(() => {
    const host = document.getElementById('pay-later');
    if (!host) throw new Error('no #pay-later on the demo page');
    host.setAttribute('data-amount', '1.00');
  });
  await expect(widget.getByTestId('order-total')).toHaveText('¥1.00');
  await widget.getByRole('button', { name: 'Pay later' }).click();
  await widget.getByRole('button', { name: 'Confirm pay later' }).click();
  await expect(shop).toHaveAttribute('data-status', 'refused', { timeout: 10_000 });
  await expect(shop).toContainText('the amount confirmed is not the order total (¥1,299.00)');
  await expect(widget.getByRole('heading', { name: 'Order cancelled by the shop' })).toBeVisible({ timeout: 10_000 });
});

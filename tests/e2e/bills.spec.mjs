// Bills, early repayment and records: journeys on the built page against the HTTP sandbox, as a
// shopper finds things, checked against what the API holds, with axe (dialog open and closed),
// keyboard only, and screenshots at 1280 and 360 px.
import { test, expect } from '@playwright/test';
import { SANDBOX, SHORT_QUOTES_SANDBOX, SHOTS, captureOrder, expectNoAxeViolations, merchantCall, sandboxGet, watchConsole, yuan } from './helpers.mjs';

/**
 * @import { Locator, Page } from '@playwright/test'
 * @import { BillList, Order } from './helpers.mjs'
 */

/** @type {() => void} set before each test */
let noConsoleErrors;
test.beforeEach(({ page }) => {
  noConsoleErrors = watchConsole(page);
});
test.afterEach(() => noConsoleErrors());

/**
 * The demo page's bills widget, as `shopper`.
 * @param {Page} page
 * @param {{ shopper?: string, api?: string, lang?: string }} [options]
 */
async function openBills(page, { shopper = 'demo-good', api = SANDBOX, lang = 'en' } = {}) {
  await page.goto(`/?${new URLSearchParams({ shopper, lang, api })}`);
  const widget = page.locator('#pay-later-bills');
  await expect(widget.getByRole('heading', { name: lang === 'en' ? 'Bills' : '账单', exact: true })).toBeVisible();
  await expect(widget.getByTestId('bill-list').or(widget.getByTestId('bills-empty'))).toBeVisible();
  return widget;
}

/**
 * @param {Locator} widget
 * @param {string} id a bill's
 */
function billCard(widget, id) {
  return widget.locator(`[data-bill-id="${id}"]`);
}

/**
 * @param {Page} page
 * @param {Locator} widget
 * @param {string} billId
 */
async function openDialog(page, widget, billId) {
  await billCard(widget, billId).getByRole('button', { name: 'Repay early' }).click();
  const dialog = page.getByRole('dialog', { name: 'Repay early' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('breakdown')).toBeVisible();
  return dialog;
}

test('settle an installment bill early: settled in the list and in the records, receipt as the API holds it', async ({ page, request }) => {
  const widget = await openBills(page);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/bills-1280.png`, fullPage: true });
  const limitBefore = await sandboxGet(request, 'demo-good', '/v1/me');
  await expect(widget.getByTestId('credit-limit')).toHaveText(
    `Available limit ${yuan(limitBefore.credit_limit.available.amount)} of ${yuan(limitBefore.credit_limit.total.amount)}`,
  );
  const dialog = await openDialog(page, widget, 'bill_on_schedule');
  await dialog.getByRole('radio', { name: 'Settle the whole bill' }).check();
  await expect(dialog.getByTestId('quote-fees')).toHaveText('¥0.00');
  const waived = await dialog.getByTestId('quote-fees-waived').innerText();
  expect(waived).not.toBe('¥0.00');
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/repay-dialog-1280.png` });
  const total = await dialog.getByTestId('quote-total').innerText();
  await dialog.getByRole('button', { name: `Pay ${total}` }).click();
  await expect(dialog.getByRole('heading', { name: 'Repayment successful' })).toBeFocused();
  const receipt = await dialog.getByTestId('receipt').innerText();
  await expect(page.getByRole('status').filter({ hasText: `Receipt ${receipt}` })).toHaveCount(1);
  await page.screenshot({ path: `${SHOTS}/repay-done-1280.png` });
  await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
  await expect(dialog).toBeHidden();
  await expect(billCard(widget, 'bill_on_schedule').getByTestId('bill-status')).toHaveText(/^Settled on /);
  await expect(widget.getByTestId('records').locator(`[data-receipt="${receipt}"]`)).toContainText(total);
  // The API holds the same.
  const { repayments } = await sandboxGet(request, 'demo-good', '/v1/repayments?bill_id=bill_on_schedule');
  expect(repayments).toHaveLength(1);
  expect(repayments[0].receipt_number).toBe(receipt);
  expect(yuan(repayments[0].amount.amount)).toBe(total);
  const bill = await sandboxGet(request, 'demo-good', '/v1/bills/bill_on_schedule');
  expect(bill.status).toBe('settled');
  // Settling restores the available limit, and the widget shows it at once.
  const limitAfter = await sandboxGet(request, 'demo-good', '/v1/me');
  expect(Number(limitAfter.credit_limit.available.amount)).toBeGreaterThan(Number(limitBefore.credit_limit.available.amount));
  await expect(widget.getByTestId('credit-limit')).toHaveText(
    `Available limit ${yuan(limitAfter.credit_limit.available.amount)} of ${yuan(limitAfter.credit_limit.total.amount)}`,
  );
  await page.getByRole('radio', { name: 'Settled' }).check();
  await expect(billCard(widget, 'bill_on_schedule')).toBeVisible();
  await expectNoAxeViolations(page);
});

test('repay the next installment only', async ({ page, request }) => {
  const widget = await openBills(page);
  const before = await sandboxGet(request, 'demo-good', '/v1/bills/bill_partly_paid');
  const dialog = await openDialog(page, widget, 'bill_partly_paid');
  await expect(dialog.getByRole('radio', { name: /Next installment \(3 of 12\)/ })).toBeChecked();
  await expect(dialog.getByTestId('quote-total')).toHaveText(yuan(before.installments[2].amount.amount));
  await dialog.getByRole('radio', { name: /账户余额 Account balance/ }).check();
  await dialog.getByRole('button', { name: /^Pay / }).click();
  await expect(dialog.getByTestId('receipt')).toBeVisible();
  const after = await sandboxGet(request, 'demo-good', '/v1/bills/bill_partly_paid');
  expect(after.next_due.installment_number).toBe(4);
  expect(after.installments[2].status).toBe('paid');
  await page.keyboard.press('Escape');
  await expect(billCard(widget, 'bill_partly_paid').getByTestId('bill-next')).toContainText(yuan(after.next_due.amount.amount));
});

test("the overdue bill's quote includes the late interest the sandbox computes", async ({ page, request }) => {
  const widget = await openBills(page);
  const bill = await sandboxGet(request, 'demo-good', '/v1/bills/bill_overdue');
  expect(bill.status).toBe('overdue');
  await expect(billCard(widget, 'bill_overdue').getByTestId('bill-status')).toHaveText(
    `Overdue ${bill.overdue_days} days · late interest ${yuan(bill.late_interest.amount)}`,
  );
  const dialog = await openDialog(page, widget, 'bill_overdue');
  await expect(dialog.getByTestId('quote-late-interest')).toHaveText(yuan(bill.installments[0].late_interest.amount));
  await dialog.getByRole('radio', { name: 'Settle the whole bill' }).check();
  await expect(dialog.getByTestId('quote-late-interest')).toHaveText(yuan(bill.late_interest.amount));
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  await expect(dialog).toBeHidden();
});

test('the shopper without funds cannot pick a short method and is told why', async ({ page, request }) => {
  const widget = await openBills(page, { shopper: 'demo-no-funds' });
  const dialog = await openDialog(page, widget, 'bill_no_funds');
  for (const radio of await dialog.getByRole('radio', { name: /can pay up to/ }).all()) await expect(radio).toBeDisabled();
  await expect(dialog.getByRole('radio', { name: /招商银行储蓄卡 China Merchants Bank debit card •••• 1234/ })).toBeDisabled();
  await expect(dialog.getByText('Not enough: can pay up to ¥500.00')).toBeVisible();
  await expect(dialog.getByTestId('no-method')).toContainText('None of your payment methods can cover');
  await expect(dialog.getByRole('button', { name: /^Pay / })).toBeDisabled();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/repay-no-funds-1280.png` });
  const { repayments } = await sandboxGet(request, 'demo-no-funds', '/v1/repayments');
  expect(repayments).toHaveLength(0);
});

test('a quote that expires while the dialog is open is refreshed before paying', async ({ page, request }) => {
  const widget = await openBills(page, { api: SHORT_QUOTES_SANDBOX });
  const dialog = await openDialog(page, widget, 'bill_due_soon');
  const first = await dialog.getByTestId('breakdown').getAttribute('data-quote-id');
  if (first === null) throw new Error('the quote shown has no data-quote-id');
  await expect(dialog.getByTestId('quote-refreshed')).toHaveText('The quote expired, so the amount was refreshed. Check it before you pay.', {
    timeout: 10_000,
  });
  await expect(dialog.getByTestId('breakdown')).not.toHaveAttribute('data-quote-id', first);
  const fresh = await dialog.getByTestId('breakdown').getAttribute('data-quote-id');
  await dialog.getByRole('button', { name: /^Pay / }).click();
  await expect(dialog.getByTestId('receipt')).toBeVisible();
  const { repayments } = await sandboxGet(request, 'demo-good', '/v1/repayments?bill_id=bill_due_soon', SHORT_QUOTES_SANDBOX);
  expect(repayments).toHaveLength(1);
  expect(fresh).not.toBe(first);
});

test('a double click pays once', async ({ page, request }) => {
  const widget = await openBills(page);
  const dialog = await openDialog(page, widget, 'bill_due_soon');
  await dialog.getByRole('button', { name: /^Pay / }).dblclick();
  await expect(dialog.getByTestId('receipt')).toBeVisible();
  const { repayments } = await sandboxGet(request, 'demo-good', '/v1/repayments?bill_id=bill_due_soon');
  expect(repayments).toHaveLength(1);
});

test('keyboard only: open, choose, pay, close, focus back on the trigger', async ({ page }) => {
  const widget = await openBills(page);
  const trigger = billCard(widget, 'bill_overdue').getByRole('button', { name: 'Repay early' });
  await trigger.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Repay early' });
  await expect(dialog.getByTestId('breakdown')).toBeVisible();
  // Tab stays inside the dialog.
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    expect(
      await dialog.evaluate((d) => {
        const root = d.getRootNode();
        return (root instanceof ShadowRoot || root instanceof Document) && d.contains(root.activeElement);
      }),
    ).toBe(true);
  }
  await dialog.getByRole('radio', { name: /Next installment/ }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(dialog.getByRole('radio', { name: 'Settle the whole bill' })).toBeChecked();
  await expect(dialog.getByTestId('quote-fees-waived')).not.toHaveText('¥0.00');
  await dialog.getByRole('button', { name: /^Pay / }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('heading', { name: 'Repayment successful' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // The bill is settled and its button gone: focus lands on the bill itself.
  await expect(billCard(widget, 'bill_overdue').getByRole('heading', { level: 3 })).toBeFocused();
  const pageScrolls = await page.evaluate(() => getComputedStyle(document.body).overflow);
  expect(pageScrolls).not.toBe('hidden');
});

test('the dialog locks the page behind and at 360 px it fits', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const widget = await openBills(page, { lang: 'zh-CN' });
  await billCard(widget, 'bill_partly_paid').getByRole('button', { name: '提前还款' }).click();
  const dialog = page.getByRole('dialog', { name: '提前还款' });
  await expect(dialog.getByTestId('breakdown')).toBeVisible();
  expect(await page.evaluate(() => getComputedStyle(document.body).overflow)).toBe('hidden');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/repay-dialog-360.png` });
  await dialog.getByRole('button', { name: '关闭' }).click();
  await page.screenshot({ path: `${SHOTS}/bills-360.png`, fullPage: true });
});

test('a shopper with 100 bills sees them 20 at a time and can reach every one', async ({ page, request }) => {
  const token = `demo-scale-100+pages-${Date.now().toString(36)}`;
  const widget = await openBills(page, { shopper: token });
  const cards = widget.getByTestId('bill-list').locator('[data-bill-id]');
  await expect(cards).toHaveCount(20);
  await widget.getByRole('radio', { name: 'All' }).check();
  await expect(cards).toHaveCount(20);
  const more = widget.getByRole('button', { name: 'Show more bills' });
  await more.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/bills-paged-1280.png` });
  for (let shown = 40; shown <= 100; shown += 20) {
    await more.click();
    await expect(cards).toHaveCount(shown);
  }
  await expect(more).toHaveCount(0);
  // The same bills, in the same order, as the API lists them.
  /** @type {string[]} */
  const ids = [];
  /** @type {string | null} */
  let cursor = null;
  do {
    /** @type {BillList} */
    const page = await sandboxGet(request, token, `/v1/bills?status=all&limit=200${cursor ? `&cursor=${cursor}` : ''}`);
    ids.push(...page.bills.map((b) => b.id));
    cursor = page.next_cursor;
  } while (cursor);
  expect(await cards.evaluateAll((/** @type {HTMLElement[]} */ els) => els.map((e) => e.dataset.billId))).toEqual(ids);
  // Records too: 20, then 20 more.
  const records = widget.getByTestId('records').locator('[data-receipt]');
  await expect(records).toHaveCount(20);
  await widget.getByRole('button', { name: 'Show more records' }).click();
  await expect(records).toHaveCount(40);
  await expectNoAxeViolations(page);
});

test('an order waiting for the shop shows as pending, and a refund shows on its bill and in the records', async ({ page, request }) => {
  const shopper = `demo-good+account-${Date.now().toString(36)}`;
  const tag = Date.now().toString(36).toUpperCase();
  /**
   * The shopper authorizes `orderId` for `amount` (CNY): the order (openapi.yaml: Order).
   * @param {string} orderId
   * @param {string} amount
   * @returns {Promise<Order>}
   */
  const authorize = async (orderId, amount) => {
    const answer = await request.post(`${SANDBOX}/v1/orders`, {
      headers: { authorization: `Bearer ${shopper}`, 'idempotency-key': `a-${orderId}` },
      data: { merchant_id: 'M-DEMO-SHOP', order_id: orderId, amount: { amount, currency: 'CNY' }, plan: 'installments_3' },
    });
    expect(answer.status()).toBe(201);
    return answer.json();
  };
  await authorize(`P-${tag}`, '500.00');
  const refunded = await authorize(`R-${tag}`, '1200.00');
  await captureOrder(request, `R-${tag}`, refunded.id, '1200.00');
  const refund = await merchantCall(request, 'POST', `/v1/merchant/orders/R-${tag}/refunds`, {
    body: { amount: { amount: '300.00', currency: 'CNY' }, reason: 'one item returned' },
    key: `refund-${tag}`,
  });
  expect(refund.status).toBe(201);

  const widget = await openBills(page, { shopper });
  const pending = widget.getByTestId('pending-orders');
  await expect(pending.getByRole('heading', { name: 'Waiting for the shop' })).toBeVisible();
  await expect(pending).toContainText(`演示商店 Demo shop · order P-${tag}`);
  await expect(pending).toContainText('¥500.00 · 3 monthly installments. Nothing to pay until the shop confirms');
  await expect(pending).not.toContainText(`R-${tag}`);
  const card = billCard(widget, refund.body.bill_id);
  await expect(card.getByTestId('bill-refunded')).toHaveText('Refunded by the shop: ¥300.00');
  // What the API holds: the bill is the captured amount less the refund, its fees with it.
  const bill = await sandboxGet(request, shopper, `/v1/bills/${refund.body.bill_id}`);
  expect(bill.refunded.amount).toBe('300.00');
  await expect(widget.getByTestId('refunds')).toContainText(`演示商店 Demo shop · order R-${tag}`);
  await card.getByRole('button', { name: 'Repayment plan' }).click();
  const refunds = widget.getByTestId('bill-refunds');
  await expect(refunds).toContainText('¥300.00 refunded');
  await expect(refunds).toContainText('Reason: one item returned');
  await expectNoAxeViolations(page);
  await widget.screenshot({ path: `${SHOTS}/bills-pending-refund-1280.png` });
});

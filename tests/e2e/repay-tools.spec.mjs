// The shopper's repayment tools past the seeds' early repayment (issue 24): another amount, typed,
// checked before any call and applied exactly as the provider's quote says; and the bill's due
// dates as a calendar file, read back with an outside iCalendar parser (ical.js, Mozilla's) and
// checked against the bill, before and after a repayment. On the built demo page against the HTTP
// sandbox, each shopper a private copy of demo-good so no other test sees the changes.
import { test, expect } from '@playwright/test';
import ICAL from 'ical.js';
import { CLOCK_SANDBOX, SANDBOX, SHOTS, englishDate, expectNoAxeViolations, sandboxGet, sandboxPost, watchConsole, yuan } from './helpers.mjs';

/**
 * @import { Locator, Page } from '@playwright/test'
 * @import { Bill } from './helpers.mjs'
 */

/** @type {() => void} set before each test */
let noConsoleErrors;
test.beforeEach(({ page }) => {
  noConsoleErrors = watchConsole(page);
});
test.afterEach(() => noConsoleErrors());

/**
 * The bills widget as `shopper`.
 * @param {Page} page
 * @param {string} shopper
 * @param {string} [api] the sandbox's origin
 */
async function openBills(page, shopper, api = SANDBOX) {
  await page.goto(`/?${new URLSearchParams({ shopper, lang: 'en', api })}`);
  const widget = page.locator('#pay-later-bills');
  await expect(widget.getByTestId('bill-list')).toBeVisible();
  return widget;
}

/**
 * The repayment dialog of bill `id`, with "Another amount" chosen.
 * @param {Page} page
 * @param {Locator} widget
 * @param {string} id
 */
async function anotherAmount(page, widget, id) {
  await widget.locator(`[data-bill-id="${id}"]`).getByRole('button', { name: 'Repay early' }).click();
  const dialog = page.getByRole('dialog', { name: 'Repay early' });
  await expect(dialog.getByTestId('breakdown')).toBeVisible();
  await dialog.getByRole('radio', { name: 'Another amount' }).check();
  return dialog;
}

/**
 * @param {Bill} bill
 * @returns {number} what repayments paid on it so far, in fen
 */
const fenPaid = (bill) => bill.installments.reduce((sum, i) => sum + Math.round(Number(i.paid.amount) * 100), 0);

test('another amount: each mistake refused in words before any call, then ¥123.45 on the overdue bill applied as quoted', async ({ page, request }) => {
  const shopper = 'demo-good+amount';
  const widget = await openBills(page, shopper);
  /** @type {string[]} */
  const quoted = [];
  page.on('request', (r) => {
    if (r.url().includes('/quotes')) quoted.push(r.postData() ?? '');
  });
  const before = /** @type {Bill} */ (await sandboxGet(request, shopper, '/v1/bills/bill_overdue'));
  const dialog = await anotherAmount(page, widget, 'bill_overdue');
  const field = dialog.getByRole('textbox', { name: 'Amount to repay' });
  await expect(field).toHaveAttribute('inputmode', 'decimal');
  expect(await field.evaluate((e) => getComputedStyle(e).fontSize)).toBe('16px');
  // The most it can be: what settles the bill today, the provider's figure.
  const settle = await sandboxPost(request, shopper, '/v1/bills/bill_overdue/quotes', { scope: 'settle' });
  const limit = settle.body.breakdown.total.amount;
  await expect(dialog.getByText(`Up to ${yuan(limit)}, which settles the whole bill.`)).toBeVisible();
  await expect(dialog.getByRole('button', { name: /^Pay / })).toBeHidden();
  const quotesBefore = quoted.length;
  const apply = dialog.getByRole('button', { name: 'See how it applies' });
  const error = dialog.getByTestId('amount-error');
  for (const [typed, words] of [
    ['', 'Enter the amount you want to repay.'],
    ['abc', 'Enter the amount in numbers, for example 123.45.'],
    ['0', 'Enter an amount more than zero.'],
    ['-5', 'Enter an amount more than zero.'],
    ['1.234', 'Use at most 2 decimal places.'],
    [(Number(limit) + 0.01).toFixed(2), `More than the ${yuan(limit)} that settles this bill. Enter at most ${yuan(limit)}.`],
  ]) {
    await field.fill(typed);
    await apply.click();
    await expect(error).toHaveText(words);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
  }
  expect(quoted.slice(quotesBefore).filter((body) => body.includes('"amount"'))).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/repay-amount-refused-1280.png` });

  // ¥123.45, by Enter: the quote, with what it pays on each installment.
  await field.fill('123.45');
  await field.press('Enter');
  await expect(error).toBeHidden();
  await expect(dialog.getByTestId('quote-total')).toHaveText('¥123.45');
  const lines = dialog.getByTestId('quote-lines').getByRole('listitem');
  await expect(lines.first()).toBeVisible();
  await expect(dialog.getByTestId('quote-late-interest')).toHaveText(yuan(before.late_interest.amount));
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/repay-amount-1280.png` });
  // Typing again withdraws the quote: Pay never shows an amount other than the field's.
  await field.press('Backspace');
  await expect(dialog.getByRole('button', { name: /^Pay / })).toBeHidden();
  await expect(dialog.getByTestId('breakdown')).toBeHidden();
  await field.fill('123.45');
  await apply.click();
  await expect(dialog.getByTestId('quote-total')).toHaveText('¥123.45');
  const pay = dialog.getByRole('button', { name: 'Pay ¥123.45' });
  await pay.dblclick();
  await expect(dialog.getByTestId('receipt')).toBeVisible();

  // The provider applied exactly that: once, late interest first, nothing else.
  const after = /** @type {Bill} */ (await sandboxGet(request, shopper, '/v1/bills/bill_overdue'));
  const { repayments } = await sandboxGet(request, shopper, '/v1/repayments?bill_id=bill_overdue');
  const made = repayments.filter((/** @type {{ scope: string }} */ r) => r.scope === 'amount');
  expect(made).toHaveLength(1);
  expect(made[0].amount.amount).toBe('123.45');
  expect(made[0].breakdown.late_interest.amount).toBe(before.late_interest.amount);
  expect(fenPaid(after) - fenPaid(before)).toBe(12345);
  expect(Math.round((Number(before.amount_left.amount) - Number(after.amount_left.amount)) * 100)).toBe(12345);
  await page.keyboard.press('Escape');
  await widget.locator('[data-bill-id="bill_overdue"]').getByRole('button', { name: 'Repayment plan' }).click();
  await expect(
    widget
      .getByTestId('bill-detail')
      .getByText(/paid so far/)
      .first(),
  ).toBeVisible();
});

/**
 * Downloads the bill's calendar file from its plan and parses it with ical.js.
 * @param {Page} page
 * @param {Locator} detail the bill's plan
 */
async function downloadCalendar(page, detail) {
  const [download] = await Promise.all([page.waitForEvent('download'), detail.getByRole('button', { name: 'Add due dates to calendar' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^pay-later-[\w-]+\.ics$/);
  const path = await download.path();
  const { readFileSync } = await import('node:fs');
  const text = readFileSync(path, 'utf8');
  expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((event) => ({
    uid: String(event.getFirstPropertyValue('uid')),
    status: String(event.getFirstPropertyValue('status')),
    start: String(event.getFirstPropertyValue('dtstart')),
    summary: String(event.getFirstPropertyValue('summary')),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    alarm: event.getFirstSubcomponent('valarm')?.getFirstPropertyValue('trigger')?.toString() ?? null,
  }));
}

test("the bill's due dates in the shopper's calendar: one event per unpaid installment, the same UIDs after a repayment", async ({ page, request }) => {
  const shopper = 'demo-good+calendar';
  const widget = await openBills(page, shopper);
  const card = widget.locator('[data-bill-id="bill_partly_paid"]');
  await card.getByRole('button', { name: 'Repayment plan' }).click();
  const detail = card.getByTestId('bill-detail');
  await expect(detail.getByRole('button', { name: 'Add due dates to calendar' })).toBeVisible();
  await expectNoAxeViolations(page);
  const bill = /** @type {Bill} */ (await sandboxGet(request, shopper, '/v1/bills/bill_partly_paid'));
  const first = await downloadCalendar(page, detail);
  const unpaid = bill.installments.filter((i) => i.status !== 'paid' && i.status !== 'refunded');
  const confirmed = first.filter((e) => e.status === 'CONFIRMED');
  expect(confirmed).toHaveLength(unpaid.length);
  for (const [n, event] of confirmed.entries()) {
    const installment = unpaid[n];
    expect(event.start).toBe(installment.due_date);
    expect(event.summary).toContain(yuan(installment.amount.amount));
    expect(event.summary).toContain('to ');
    expect(event.alarm).toBe('-P1D');
  }
  expect(first.filter((e) => e.status === 'CANCELLED')).toHaveLength(bill.installments.length - unpaid.length);
  expect(new Set(first.map((e) => e.uid)).size).toBe(first.length);

  // The next installment repaid (through the API, as another device would), then downloaded again.
  const quote = await sandboxPost(request, shopper, '/v1/bills/bill_partly_paid/quotes', { scope: 'next_installment' });
  expect(quote.status).toBe(201);
  const paid = await sandboxPost(request, shopper, '/v1/repayments', { quote_id: quote.body.id, payment_method_id: 'pm_card_1234' }, 'calendar-1');
  expect(paid.status).toBe(201);
  await page.reload();
  await widget.locator('[data-bill-id="bill_partly_paid"]').getByRole('button', { name: 'Repayment plan' }).click();
  await page.waitForTimeout(1100); // a later second: a higher SEQUENCE
  const second = await downloadCalendar(page, widget.locator('[data-bill-id="bill_partly_paid"]').getByTestId('bill-detail'));
  expect(second.map((e) => e.uid)).toEqual(first.map((e) => e.uid));
  const repaid = quote.body.lines[0].installment;
  const event = second.find((e) => e.uid.endsWith(`-${repaid}@pay-later`));
  expect(event?.status).toBe('CANCELLED');
  expect(event?.alarm).toBeNull();
  expect(second.filter((e) => e.status === 'CONFIRMED')).toHaveLength(unpaid.length - 1);
  for (const [n, e] of second.entries()) expect(e.sequence).toBeGreaterThan(first[n].sequence);
});

test.describe('a shopper in New York', () => {
  test.use({ timezoneId: 'America/New_York' });

  test('one clock: the receipt, the record, the receipt number and the bill say the same day, and the page says whose clock', async ({ page, request }) => {
    const shopper = 'demo-good+clock';
    const widget = await openBills(page, shopper);
    await expect(widget.getByText("Dates and times are Beijing time (UTC+8), the provider's.")).toBeVisible();
    await widget.locator('[data-bill-id="bill_on_schedule"]').getByRole('button', { name: 'Repay early' }).click();
    const dialog = page.getByRole('dialog', { name: 'Repay early' });
    await dialog.getByRole('radio', { name: 'Settle the whole bill' }).check();
    await expect(dialog.getByTestId('quote-total')).toBeVisible();
    await dialog.getByRole('button', { name: /^Pay / }).click();
    await expect(dialog.getByTestId('receipt')).toBeVisible();
    const bill = /** @type {Bill & { settled_on: string }} */ (await sandboxGet(request, shopper, '/v1/bills/bill_on_schedule'));
    const day = englishDate(bill.settled_on);
    const { repayments } = await sandboxGet(request, shopper, '/v1/repayments?bill_id=bill_on_schedule');
    const receipt = repayments[0].receipt_number;
    // The provider's day everywhere: the receipt's time, its number, the record, the bill.
    await expect(dialog.getByTestId('repaid')).toContainText(day);
    expect(receipt).toContain(bill.settled_on.replaceAll('-', ''));
    await page.keyboard.press('Escape');
    await expect(widget.locator(`[data-receipt="${receipt}"]`)).toContainText(day);
    await widget.getByRole('radio', { name: 'Settled' }).check();
    await expect(widget.locator('[data-bill-id="bill_on_schedule"]').getByTestId('bill-status')).toHaveText(`Settled on ${day}`);
  });
});

test('autopay: on from the bill, a due date passes, the installment charged once with its receipt; a card short of funds is a failed charge on the bill', async ({
  page,
  request,
}) => {
  const get = async (/** @type {string} */ shopper, /** @type {string} */ path) => {
    const response = await request.get(`${CLOCK_SANDBOX}${path}`, { headers: { authorization: `Bearer ${shopper}` } });
    expect(response.ok()).toBeTruthy();
    return response.json();
  };
  const card = '招商银行储蓄卡 China Merchants Bank debit card •••• 1234';
  // demo-no-funds first: autopay on, before its first due date passes.
  let widget = await openBills(page, 'demo-no-funds', CLOCK_SANDBOX);
  const poor = widget.locator('[data-bill-id="bill_no_funds"]');
  await poor.getByRole('button', { name: 'Turn on autopay' }).click();
  let panel = poor.getByTestId('autopay-panel');
  await panel.getByRole('radio', { name: new RegExp(card) }).check();
  await panel.getByRole('button', { name: 'Turn on autopay' }).click();
  await expect(poor.getByTestId('bill-autopay')).toContainText('Autopay on');

  widget = await openBills(page, 'demo-good', CLOCK_SANDBOX);
  const bill = widget.locator('[data-bill-id="bill_on_schedule"]');
  await bill.getByRole('button', { name: 'Turn on autopay' }).click();
  panel = bill.getByTestId('autopay-panel');
  await expect(panel.getByRole('radio', { name: new RegExp(card) })).toBeVisible();
  await expectNoAxeViolations(page);
  await panel.getByRole('radio', { name: new RegExp(card) }).check();
  await panel.getByRole('button', { name: 'Turn on autopay' }).click();
  const before = await get('demo-good', '/v1/bills/bill_on_schedule');
  expect(before.autopay.payment_method_id).toBe('pm_card_1234');
  const line = widget.locator('[data-bill-id="bill_on_schedule"]').getByTestId('bill-autopay');
  await expect(line).toHaveText(`Autopay on · ${card} · next ${yuan(before.next_due.amount.amount)} on ${englishDate(before.next_due.due_date)}`);
  await page.screenshot({ path: `${SHOTS}/autopay-on-1280.png`, fullPage: true });

  // The sandbox's clock (its own; other tests may have moved it) moves a day past both bills'
  // next due dates.
  const clock = await (await request.get(`${CLOCK_SANDBOX}/sandbox/clock`)).json();
  const today = clock.now.slice(0, 10);
  const poorBefore = await get('demo-no-funds', '/v1/bills/bill_no_funds');
  const poorNext = poorBefore.installments.find((/** @type {{ due_date: string }} */ i) => i.due_date > today);
  const last = [before.next_due.due_date, poorNext.due_date].sort()[1];
  const days = Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000) + 1;
  const moved = await request.post(`${CLOCK_SANDBOX}/sandbox/clock`, { data: { days } });
  expect(moved.status()).toBe(200);
  await page.reload();
  widget = page.locator('#pay-later-bills');
  const after = await get('demo-good', '/v1/bills/bill_on_schedule');
  expect(after.installments[0].status).toBe('paid');
  expect(after.installments[0].paid_on).toBe(before.next_due.due_date);
  const { repayments } = await get('demo-good', '/v1/repayments?bill_id=bill_on_schedule');
  const charged = repayments.filter((/** @type {{ autopay: boolean }} */ r) => r.autopay);
  expect(charged).toHaveLength(1);
  await expect(widget.locator(`[data-receipt="${charged[0].receipt_number}"]`)).toContainText(' · autopay');
  await expect(widget.locator('[data-bill-id="bill_on_schedule"]').getByTestId('bill-autopay')).toContainText(
    `next ${yuan(after.next_due.amount.amount)} on ${englishDate(after.next_due.due_date)}`,
  );
  // Asked again, still once.
  const again = await get('demo-good', '/v1/repayments?bill_id=bill_on_schedule');
  expect(again.repayments.filter((/** @type {{ autopay: boolean }} */ r) => r.autopay)).toHaveLength(1);

  // demo-no-funds: the card could not cover it: shown on the bill with what to do; nothing charged.
  widget = await openBills(page, 'demo-no-funds', CLOCK_SANDBOX);
  const failed = await get('demo-no-funds', '/v1/bills/bill_no_funds');
  const missed = failed.installments.find((/** @type {{ number: number }} */ i) => i.number === poorNext.number);
  expect(missed.autopay_failed).toBe(true);
  await expect(widget.locator('[data-bill-id="bill_no_funds"]')).toContainText(
    `Autopay couldn't charge installment ${missed.number} on ${englishDate(missed.due_date)}: 招商银行储蓄卡 China Merchants Bank debit card didn't have enough. Repay it now, or add funds.`,
  );
  expect((await get('demo-no-funds', '/v1/repayments')).repayments).toHaveLength(0);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/autopay-failed-1280.png`, fullPage: true });
});

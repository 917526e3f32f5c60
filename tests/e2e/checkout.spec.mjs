// The demo checkout page as a shopper sees it: the widget mounted in its Shadow DOM with the order
// total and the pay-later offer; plans open from the keyboard; no axe violations; screenshots.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

const shots = 'tests/e2e/screenshots';

test.describe('demo checkout page', () => {
  let consoleErrors;

  test.beforeEach(async ({ page }) => {
    consoleErrors = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => consoleErrors.push(String(err)));
  });

  test.afterEach(() => {
    expect(consoleErrors, 'no console errors').toEqual([]);
  });

  test('shows the order total and the pay-later offer', async ({ page }) => {
    await page.goto('/');
    const widget = page.getByRole('region', { name: '先享后付' });
    await expect(widget).toBeVisible();
    await expect(widget.getByRole('heading', { name: '先享后付' })).toBeVisible();
    await expect(widget.getByTestId('order-total')).toHaveText('¥1,299.00');
    await expect(widget.getByTestId('offer-line')).toHaveText('低至 ¥117.78/月');
    await expect(widget.getByText('或 30 天内一次付清，免手续费')).toBeVisible();
    await page.screenshot({ path: `${shots}/checkout-1280.png`, fullPage: true });
  });

  test('plans open and close from the keyboard and list every plan', async ({ page }) => {
    await page.goto('/');
    const toggle = page.getByRole('button', { name: '查看分期方案' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.focus();
    await page.keyboard.press('Enter');
    const collapse = page.getByRole('button', { name: '收起分期方案' });
    await expect(collapse).toHaveAttribute('aria-expanded', 'true');
    const plans = page.getByRole('list').filter({ has: page.locator('[data-plan]') });
    await expect(plans.getByRole('listitem')).toHaveCount(4);
    await expect(page.locator('[data-plan=installments_6]')).toContainText(/首期应还 ¥226\.25 · \d{4}年\d{1,2}月\d{1,2}日 到期/);
    await expect(page.locator('[data-plan=installments_6]')).toContainText('手续费 ¥58.46（4.5%）');
    await expect(page.locator('[data-plan=installments_12]')).toContainText('总计应还 ¥1,413.31');
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await page.screenshot({ path: `${shots}/checkout-plans-1280.png`, fullPage: true });
    await page.keyboard.press('Space');
    await expect(page.getByRole('button', { name: '查看分期方案' })).toHaveAttribute('aria-expanded', 'false');
  });

  test('no axe violations and nothing overflows at 320 px', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto('/');
    await page.getByRole('button', { name: '查看分期方案' }).click();
    await expect(page.locator('[data-plan]')).toHaveCount(4);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${shots}/checkout-320.png`, fullPage: true });
  });
});

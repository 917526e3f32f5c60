// The npm package as a merchant's developer uses it: the React 19 example (examples/react-shop),
// built by scripts/build-example.sh from the tarball `npm pack` made, bundled by esbuild, talking to
// the HTTP sandbox. The custom element in JSX, events through a ref into React state, a confirm.
import { test, expect } from '@playwright/test';
import { SANDBOX, SHOTS, expectNoAxeViolations, watchConsole } from './helpers.mjs';

const EXAMPLE = `http://127.0.0.1:${process.env.E2E_EXAMPLE_PORT ?? 4176}`;

test('the React example, built from the package: plan chosen and order authorized reach React state', async ({ page }) => {
  const noConsoleErrors = watchConsole(page);
  const shopper = `demo-good+react-${Date.now().toString(36)}`;
  await page.goto(`${EXAMPLE}/?${new URLSearchParams({ api: SANDBOX, shopper })}`);
  const widget = page.getByRole('region', { name: 'Pay later', exact: true });
  const shopStatus = page.getByRole('status', { name: 'Shop status' });
  await expect(shopStatus).toHaveText('Waiting for payment.');
  await widget.getByRole('button', { name: 'Pay later' }).click();
  await widget.getByRole('radio', { name: /3 monthly installments/ }).check();
  await expect(shopStatus).toHaveText(/^Plan chosen: installments_3, fee ¥\d+\.\d\d\.$/);
  await widget.getByRole('button', { name: 'Confirm pay later' }).click();
  await expect(widget.getByRole('heading', { name: 'Order placed' })).toBeVisible();
  await expect(shopStatus).toHaveText(/^Authorized auth_\w+ for ¥1299\.00: the shop's server captures it now\.$/);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/react-example-1280.png`, fullPage: true });
  noConsoleErrors();
});

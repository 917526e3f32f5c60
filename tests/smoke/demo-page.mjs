// Checks a running demo page in Chromium as a shopper would: the widget shows its offer and,
// after "Pay later", its plans. With --api URL it also checks that the plans came over HTTP from
// that API (the sandbox), not from the in-browser mock.
//
//   node tests/smoke/demo-page.mjs http://127.0.0.1:PORT/ [--api http://127.0.0.1:SANDBOX_PORT]
//
// Exits 0 when every check holds; prints what it saw and exits 1 otherwise. Used by
// scripts/smoke-demo.sh, which starts the demo from a fresh clone.
import { chromium } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../chromium.mjs';

const [url, flag, api] = process.argv.slice(2);
if (!url || (flag && flag !== '--api') || (flag && !api)) {
  console.error('usage: node tests/smoke/demo-page.mjs URL [--api API_URL]');
  process.exit(2);
}

const browser = await chromium.launch(CHROMIUM_LAUNCH);
/** @type {string[]} */
const problems = [];
try {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  /** @type {string[]} */
  const apiCalls = [];
  page.on('response', (r) => {
    if (api && r.url().startsWith(api)) apiCalls.push(`${r.request().method()} ${new URL(r.url()).pathname} ${r.status()}`);
  });
  const target = new URL(url);
  target.searchParams.set('lang', 'en');
  if (api) target.searchParams.set('api', api);
  await page.goto(target.href, { timeout: 60_000 });
  const widget = page.getByRole('region', { name: 'Pay later', exact: true });
  await widget.waitFor({ timeout: 60_000 });
  const payLater = widget.getByRole('button', { name: 'Pay later' });
  await payLater.waitFor({ timeout: 30_000 });
  const offer = (await widget.textContent()) ?? '';
  if (!/\/ month/.test(offer)) problems.push(`the offer line is missing: ${offer.slice(0, 200)}`);
  await payLater.click();
  const plans = widget.getByRole('group', { name: 'Choose a plan' });
  await plans.getByRole('radio').first().waitFor({ timeout: 30_000 });
  const planCount = await plans.getByRole('radio').count();
  if (planCount < 2) problems.push(`expected the plans on offer, found ${planCount} radio buttons`);
  if (api) {
    const eligibility = apiCalls.filter((c) => c.startsWith('POST /v1/eligibility 200'));
    if (eligibility.length === 0) {
      problems.push(`the plans did not come from ${api} (calls seen: ${apiCalls.join(', ') || 'none'})`);
    }
  }
  if (errors.length) problems.push(`console errors: ${errors.join(' | ')}`);
  console.log(
    `demo page ${url}: offer shown, ${planCount} plans after "Pay later"${api ? `, over HTTP from ${api} (${apiCalls.length} calls)` : ' (in-browser mock)'}`,
  );
} catch (e) {
  problems.push(String(e));
} finally {
  await browser.close();
}
if (problems.length) {
  console.error(`demo page check failed:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}

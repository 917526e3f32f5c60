// End-to-end tests against the built page (dist/, made by `trunk build --release` in
// scripts/test.sh) and the HTTP sandbox server, with Debian's Chromium: Playwright downloads no
// browser here.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './tests/chromium.mjs';

const port = Number(process.env.E2E_PORT ?? 4173);
const sandboxPort = Number(process.env.E2E_SANDBOX_PORT ?? 8797);
const shortQuotesPort = Number(process.env.E2E_SHORT_QUOTES_PORT ?? 8798);
const feesPort = Number(process.env.E2E_FEES_PORT ?? 8799);
const clockPort = Number(process.env.E2E_CLOCK_PORT ?? 8796);
const cspPort = Number(process.env.E2E_CSP_PORT ?? 4174);
const merchantPort = Number(process.env.E2E_MERCHANT_PORT ?? 4175);
const examplePort = Number(process.env.E2E_EXAMPLE_PORT ?? 4176);
const trustedTypesPort = Number(process.env.E2E_TRUSTED_TYPES_PORT ?? 4177);
// Built by scripts/test.sh (cargo build -p paylater-sandbox), wherever cargo puts its builds.
const sandboxBin = `${process.env.CARGO_TARGET_DIR ?? 'target'}/debug/paylater-sandbox`;
// Issue 25's policy, exactly: a hardened checkout (no source but the page's own, WebAssembly
// allowed, the API, Trusted Types enforced with the widget's one policy "pay-later" allowed and no
// default policy). The merchant build's page is served under it.
export const TRUSTED_TYPES_CSP = `default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self' http://127.0.0.1:${sandboxPort}; require-trusted-types-for 'script'; trusted-types pay-later`;
// The demo's strict-CSP page: the same, and its own favicon, base and framing locked down (the
// widget must need nothing more).
export const STRICT_CSP = `${TRUSTED_TYPES_CSP}; img-src 'self'; base-uri 'none'; frame-ancestors 'none'`;

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: CHROMIUM_LAUNCH,
  },
  webServer: [
    {
      command: `node tests/e2e/serve.mjs dist ${port}`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      timeout: 20_000,
    },
    {
      // The same build, served with a strict Content-Security-Policy header.
      command: `node tests/e2e/serve.mjs dist ${cspPort}`,
      url: `http://127.0.0.1:${cspPort}/`,
      env: { PLW_HEADERS: JSON.stringify({ 'content-security-policy': STRICT_CSP }) },
      reuseExistingServer: false,
      timeout: 20_000,
    },
    {
      // The merchant build (what merchants deploy) with a merchant's checkout page beside it
      // (tests/e2e/pages/trusted-types.html), under issue 25's policy.
      command: `node tests/e2e/serve.mjs dist-merchant,tests/e2e/pages ${trustedTypesPort}`,
      url: `http://127.0.0.1:${trustedTypesPort}/trusted-types.html`,
      env: { PLW_HEADERS: JSON.stringify({ 'content-security-policy': TRUSTED_TYPES_CSP }) },
      reuseExistingServer: false,
      timeout: 20_000,
    },
    {
      // The HTTP sandbox (built by scripts/test.sh), fresh for every run.
      // Its webhooks go to the example merchant server, which it also lets call the shopper API
      // from its checkout page.
      command: `${sandboxBin} --port ${sandboxPort} --allow-origin http://127.0.0.1:${port} --allow-origin http://127.0.0.1:${cspPort} --allow-origin http://127.0.0.1:${trustedTypesPort} --allow-origin http://127.0.0.1:${merchantPort} --allow-origin http://127.0.0.1:${examplePort} --webhook-url http://127.0.0.1:${merchantPort}/webhooks/paylater --webhook-retry-base-ms 200 --quiet`,
      url: `http://127.0.0.1:${sandboxPort}/health/ready`,
      reuseExistingServer: false,
      timeout: 20_000,
    },
    {
      // The example merchant server (examples/merchant-server): its own checkout page with the
      // built widget, captures with its own cart total, verifies webhooks. A short timeout, so
      // that the fault matrix's delayed calls are retried.
      command: `node examples/merchant-server/server.mjs --port ${merchantPort} --api http://127.0.0.1:${sandboxPort} --widget-dir dist`,
      url: `http://127.0.0.1:${merchantPort}/health`,
      env: { PAYLATER_TIMEOUT_MS: '1000' },
      reuseExistingServer: false,
      timeout: 20_000,
    },
    {
      // The React example built from the npm package (scripts/package.sh, scripts/build-example.sh).
      command: `node tests/e2e/serve.mjs dist-example ${examplePort}`,
      url: `http://127.0.0.1:${examplePort}/`,
      reuseExistingServer: false,
      timeout: 20_000,
    },
    {
      // A second sandbox whose quotes hold 4 seconds, for the quote-expiry journey.
      command: `${sandboxBin} --port ${shortQuotesPort} --quote-ttl-seconds 4 --allow-origin http://127.0.0.1:${port} --quiet`,
      url: `http://127.0.0.1:${shortQuotesPort}/health/ready`,
      reuseExistingServer: false,
      timeout: 20_000,
    },
    {
      // A sandbox whose clock the autopay journey moves ahead (POST /sandbox/clock): its own, so
      // that no other test sees the days pass.
      command: `${sandboxBin} --port ${clockPort} --allow-origin http://127.0.0.1:${port} --quiet`,
      url: `http://127.0.0.1:${clockPort}/health/ready`,
      reuseExistingServer: false,
      timeout: 20_000,
    },
    {
      // A provider whose fees are not the defaults: the offer line and the plans must follow it.
      command: `${sandboxBin} --port ${feesPort} --fee-rate installments_12=0.06 --fee-rate installments_3=0 --allow-origin http://127.0.0.1:${port} --quiet`,
      url: `http://127.0.0.1:${feesPort}/health/ready`,
      reuseExistingServer: false,
      timeout: 20_000,
    },
  ],
});

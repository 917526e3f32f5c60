// The benchmark: sizes and time to ready beside the peer (Adyen Web's Drop-in with Klarna and
// cards, measured in the same run, alternating page loads, on loopback and on a mobile profile),
// the early-repayment dialog's latency, and the bills view at scale, printed as tables and written
// to bench/results/ as JSON (latest.json and a dated copy).
// Run by scripts/bench.sh, which builds what it measures:
//   dist-merchant/  the widget as a merchant embeds it (release, no in-browser mock)
//   dist/           the demo build (release, with the mock)
//   dist-bench/     the peer: Adyen Drop-in bundled and minified by esbuild (bench/adyen/entry.mjs)
//   target/debug/paylater-sandbox
// Usage: node bench/bench.mjs [--loads 21] [--mobile-loads 9] [--runs 15]
import http from 'node:http';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { chromium } from '@playwright/test';
import { measure } from './sizes.mjs';
import { CHROMIUM_LAUNCH } from '../tests/chromium.mjs';

/**
 * @import { ChildProcess } from 'node:child_process'
 * @import { Browser } from '@playwright/test'
 */

/**
 * The number after `--name` on the command line, else `fallback`.
 * @param {string} name
 * @param {number} fallback
 */
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const LOADS = arg('loads', 21);
const MOBILE_LOADS = arg('mobile-loads', 9);
const RUNS = arg('runs', 15);
// BENCH_ONLY=ready|clicks|dialog|scale measures one part (while working on it); the JSON is then partial.
const ONLY = process.env.BENCH_ONLY;

// ---- helpers ------------------------------------------------------------------------------------
/** @param {number[]} xs */
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/**
 * @param {number[]} xs
 * @param {number} q between 0 and 1
 */
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))];
};
/** @param {number[]} xs milliseconds */
const stats = (xs) => ({
  n: xs.length,
  median: +median(xs).toFixed(1),
  p25: +quantile(xs, 0.25).toFixed(1),
  p75: +quantile(xs, 0.75).toFixed(1),
  min: +Math.min(...xs).toFixed(1),
  max: +Math.max(...xs).toFixed(1),
});
/** @typedef {ReturnType<typeof stats>} Stats */
/** @typedef {string | number} Cell */
const pad = (/** @type {Cell} */ s, /** @type {number} */ n) => String(s).padEnd(n);
const lpad = (/** @type {Cell} */ s, /** @type {number} */ n) => String(s).padStart(n);
/**
 * Prints `rows` under `head`, the first column left-aligned, the others right-aligned.
 * @param {string} title
 * @param {string[]} head
 * @param {Cell[][]} rows
 */
function table(title, head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  console.log(`\n${title}`);
  console.log(head.map((h, i) => (i ? lpad(h, widths[i]) : pad(h, widths[i]))).join('  '));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(r.map((c, i) => (i ? lpad(c, widths[i]) : pad(c, widths[i]))).join('  '));
}

// ---- a static server: /merchant/, /demo/ and /peer/ builds, each with the benchmark's pages --------
// Compressed as a CDN serves them: brotli when the browser accepts it, else gzip (Chromium accepts
// brotli on secure origins only, so on http://127.0.0.1 it gets gzip -9); each body compressed
// once. The encodings served are counted and printed.
/** @type {Record<string, string>} content types by extension */
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml' };
/** @type {Record<string, number>} responses by content encoding */
const served = {};
/** @type {Map<string, Buffer>} bodies by `encoding:file` */
const compressed = new Map();
/**
 * `body` as the server sends it with `encoding` (`br`, `gzip` or `identity`).
 * @param {Buffer} body
 * @param {string} encoding
 */
const compress = (body, encoding) =>
  encoding === 'br'
    ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
    : encoding === 'gzip'
      ? gzipSync(body, { level: 9 })
      : body;
/**
 * `file` compressed with `encoding`, once.
 * @param {string} file
 * @param {string} encoding
 */
function encode(file, encoding) {
  const key = `${encoding}:${file}`;
  let body = compressed.get(key);
  if (!body) {
    body = compress(readFileSync(file), encoding);
    compressed.set(key, body);
  }
  return body;
}
/**
 * `file` (a page) with the checkout page's lines of `dist`'s pay-later-preload.html before </head>.
 * @param {string} file
 * @param {string} dist
 * @param {string} encoding
 */
function encodeWithPreload(file, dist, encoding) {
  const key = `${encoding}:preload:${file}`;
  let body = compressed.get(key);
  if (!body) {
    const snippet = readFileSync(join(dist, 'pay-later-preload.html'), 'utf8');
    const checkout = snippet.split('<!-- checkout page -->')[1].split('<!-- bills page -->')[0].trim();
    const page = readFileSync(file, 'utf8').replace('</head>', `${checkout}\n</head>`);
    body = compress(Buffer.from(page), encoding);
    compressed.set(key, body);
  }
  return body;
}
/** @returns {Promise<http.Server>} listening on a free port of 127.0.0.1 */
function serve() {
  /** @type {Record<string, string>} the build served under each top folder */
  const roots = { merchant: 'dist-merchant', demo: 'dist', peer: 'dist-bench' };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = decodeURIComponent(url.pathname);
    const [, top, ...rest] = path.split('/');
    const name = normalize(rest.join('/')).replace(/^(\.\.[/\\])+/, '');
    const candidates = top === 'blank.html' ? ['bench/pages/blank.html'] : roots[top] ? [join('bench/pages', name), join(roots[top], name)] : [];
    const file = candidates.find((f) => existsSync(f) && !f.endsWith('/'));
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    const accepts = String(req.headers['accept-encoding'] ?? '');
    const encoding = /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : 'identity';
    served[encoding] = (served[encoding] ?? 0) + 1;
    /** @type {Record<string, string>} */
    const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store', vary: 'accept-encoding' };
    if (encoding !== 'identity') headers['content-encoding'] = encoding;
    res.writeHead(200, headers);
    // `?preload=1`: the page with the checkout lines of the build's pay-later-preload.html in its head.
    const preload = url.searchParams.get('preload') === '1' && file.endsWith('ready.html');
    res.end(preload ? encodeWithPreload(file, roots[top], encoding) : encode(file, encoding));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** @returns {Promise<{ url: string, child: ChildProcess }>} the sandbox server, listening on a free port */
function startSandbox() {
  return new Promise((resolve, reject) => {
    const child = spawn(`${process.env.CARGO_TARGET_DIR ?? 'target'}/debug/paylater-sandbox`, ['--port', '0', '--allow-any-origin', '--quiet'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.on('data', (d) => {
      const m = /listening on (http:\/\/[\d.:]+)/.exec(String(d));
      if (m) resolve({ url: m[1], child });
    });
    child.on('error', reject);
  });
}

// ---- 1. sizes, beside the peer ----------------------------------------------------------------------
// What each page downloads for the widget (merchant build, an English page: English is built in)
// before the shopper touches it: pay-later.js and the module its elements need (the CSS is inside
// the wasm, adopted into the shadow root; no fonts, no images); what Pay later fetches; and the
// peer's bundle (JS + CSS). The time-to-offer loads below check that a checkout page fetches just
// these files.
/** @typedef {ReturnType<typeof measure>['rows'][number]} SizeRow a file of a build, with its sizes */
/** @type {Record<string, string[]>} the widget's files each page (or click) fetches */
const PAGES = {
  'checkout page': ['pay-later.js', 'pay-later-offer.js', 'pay-later-offer_bg.wasm'],
  // The offer module's checkout part (scripts/post-build.mjs), fetched on Pay later.
  'on Pay later': ['pay-later-offer-checkout_bg.wasm'],
  'account page': ['pay-later.js', 'pay-later-account.js', 'pay-later-account_bg.wasm'],
  // The account module's parts (scripts/post-build.mjs), fetched on the clicks that need them.
  'on Repay early': ['pay-later-account-repay-dialog_bg.wasm', 'pay-later-account-chunk-3_bg.wasm'],
  "on a bill's plan": ['pay-later-account-bill-detail_bg.wasm', 'pay-later-account-chunk-3_bg.wasm'],
};
function sizes() {
  const { rows } = measure('dist-merchant');
  const peer = measure('dist-bench').rows.filter((r) => r.file.startsWith('adyen-dropin'));
  const sum = (/** @type {SizeRow[]} */ files) =>
    files.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  const pages = Object.fromEntries(
    Object.entries(PAGES).map(([page, files]) => [
      page,
      { files: rows.filter((r) => files.includes(r.file)), total: sum(rows.filter((r) => files.includes(r.file))) },
    ]),
  );
  const adyen = { files: peer, total: sum(peer) };
  const kB = (/** @type {number} */ n) => (n / 1000).toFixed(1);
  /** @type {Cell[][]} */
  const lines = [];
  for (const [page, { files, total }] of Object.entries(pages)) {
    for (const r of files) lines.push([`${page}: ${r.file}`, kB(r.raw), kB(r.gzip), kB(r.brotli)]);
    lines.push([`${page}: total`, kB(total.raw), kB(total.gzip), kB(total.brotli)]);
  }
  for (const r of peer) lines.push([`Adyen Drop-in: ${r.file}`, kB(r.raw), kB(r.gzip), kB(r.brotli)]);
  lines.push(['Adyen Drop-in (Klarna + Card): total', kB(adyen.total.raw), kB(adyen.total.gzip), kB(adyen.total.brotli)]);
  table('Transfer size per page (merchant build) and the peer, kB (1,000 bytes)', ['what', 'raw', 'gzip -9', 'brotli -q 11'], lines);
  const ratio = (/** @type {string} */ page) => +(pages[page].total.brotli / adyen.total.brotli).toFixed(2);
  const result = {
    pages,
    adyen,
    ratio_brotli_checkout_over_adyen: ratio('checkout page'),
    ratio_brotli_account_over_adyen: ratio('account page'),
  };
  console.log(`brotli, checkout page ÷ Adyen Drop-in: ${result.ratio_brotli_checkout_over_adyen} (budget < 1, aim 0.9)`);
  console.log(`brotli, account page: ${(pages['account page'].total.brotli / 1024).toFixed(1)} KiB (budget ≤ 150 KiB)`);
  return result;
}

// ---- 2. time to ready, beside the peer ------------------------------------------------------------
// Alternating loads of the widget's checkout page (merchant build; ready = `paylater:ready` with the
// offer shown) and the peer's page (ready = the Drop-in's first payment method visible), a fresh
// context each (nothing cached), requests that leave the local server aborted. Twice: on loopback,
// and on a mobile profile through CDP (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, CPU ×4:
// Lighthouse's mobile figures).
/** @typedef {typeof MOBILE} Profile a network and CPU to emulate */
const MOBILE = {
  network: { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 },
  cpu: 4,
};
/**
 * A fresh context and page on `profile` (null: loopback), requests leaving the local servers
 * aborted; the widget's files it fetches are listed in `files`.
 * @param {Browser} browser
 * @param {Profile | null} profile
 */
async function freshPage(browser, profile) {
  const context = await browser.newContext();
  const page = await context.newPage();
  /** @type {string[]} */
  const files = [];
  page.on('request', (r) => {
    const name = new URL(r.url()).pathname.split('/').pop() ?? '';
    if (/^pay-later/.test(name)) files.push(name);
  });
  await page.route(
    (url) => !/^http:\/\/127\.0\.0\.1[:/]/.test(String(url)),
    (route) => route.abort(),
  );
  if (profile) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', profile.network);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
  }
  return { context, page, files };
}

/**
 * @typedef {object} ReadyReport what a benchmark page says on the console when ready (bench/pages)
 * @property {number} ms since navigation start: the offer line (or the peer's first payment method) shown
 * @property {number} painted the frame after it painted
 * @property {string} offer what it shows
 */
/**
 * Loads `url` in a fresh context until it says it is ready.
 * @param {Browser} browser
 * @param {string} url
 * @param {Profile | null} profile
 * @returns {Promise<ReadyReport & { files: string[] }>} with the widget's files fetched
 */
async function loadOnce(browser, url, profile) {
  const { context, page, files } = await freshPage(browser, profile);
  // Ready comes on the console (bench/pages/*.html): waiting with waitForFunction would inject
  // Playwright's helper script into the page while it loads, ~25 ms of main thread on loopback (more
  // on the phone profile) that lands on the measured path of whichever page is still working.
  const ready = page.waitForEvent('console', { predicate: (m) => m.text().startsWith('bench:ready '), timeout: 60_000 });
  await page.goto(url, { waitUntil: 'commit' });
  const r = JSON.parse((await ready).text().slice('bench:ready '.length));
  await context.close();
  return { ...r, files };
}
/**
 * @typedef {object} ReadyTimes
 * @property {number} loads
 * @property {Stats} widget_ready_ms
 * @property {Stats} widget_preload_ready_ms
 * @property {Stats} adyen_ready_ms
 * @property {number} ratio_widget_over_adyen medians
 * @property {number} ratio_widget_preload_over_adyen medians
 */
/**
 * @param {Browser} browser
 * @param {string} base the static server
 * @param {string} api the sandbox
 */
async function timeToReady(browser, base, api) {
  /** @type {Record<string, ReadyTimes>} by profile */
  const result = {};
  for (const [profileName, profile, loads] of /** @type {const} */ ([
    ['loopback', null, LOADS],
    ['mobile', MOBILE, MOBILE_LOADS],
  ])) {
    /** @type {number[]} */
    const widget = [];
    /** @type {number[]} */
    const preloaded = [];
    /** @type {number[]} */
    const adyen = [];
    const expected = PAGES['checkout page'];
    const checkFiles = (/** @type {{ offer: string, files: string[] }} */ w, /** @type {string} */ how) => {
      if (!/\d/.test(w.offer)) throw new Error(`the offer line is not shown at ready (${how}): ${JSON.stringify(w.offer)}`);
      if (w.files.some((f) => !expected.includes(f)))
        throw new Error(`a checkout page (${how}) fetched ${w.files.join(', ')} before the shopper touched it, not only ${expected.join(', ')}`);
      if (new Set(w.files).size !== w.files.length)
        throw new Error(`a checkout page (${how}) fetched a file twice: ${w.files.join(', ')} (a preload line the loader did not reuse?)`);
    };
    for (let i = 0; i < loads; i++) {
      const w = await loadOnce(browser, `${base}/merchant/ready.html?api=${encodeURIComponent(api)}`, profile);
      checkFiles(w, 'script tag only');
      widget.push(w.painted);
      const p = await loadOnce(browser, `${base}/merchant/ready.html?preload=1&api=${encodeURIComponent(api)}`, profile);
      checkFiles(p, 'with the preload lines');
      preloaded.push(p.painted);
      const a = await loadOnce(browser, `${base}/peer/adyen.html`, profile);
      if (!/Klarna|Card/i.test(a.offer)) throw new Error(`the Drop-in's first payment method is not shown: ${JSON.stringify(a.offer)}`);
      adyen.push(a.painted);
    }
    const r = { loads, widget_ready_ms: stats(widget), widget_preload_ready_ms: stats(preloaded), adyen_ready_ms: stats(adyen) };
    result[profileName] = {
      ...r,
      ratio_widget_over_adyen: +(r.widget_ready_ms.median / r.adyen_ready_ms.median).toFixed(2),
      ratio_widget_preload_over_adyen: +(r.widget_preload_ready_ms.median / r.adyen_ready_ms.median).toFixed(2),
    };
  }
  table(
    `Time to the offer (navigation start → the widget's offer line with the provider's per-month figure, or the peer's first payment method, and the next frame painted), alternating loads, a fresh context each; loopback ${LOADS} loads each, mobile ${MOBILE_LOADS}`,
    ['profile · page', 'median ms', 'p25', 'p75', 'min', 'max'],
    Object.entries(result).flatMap(([name, r]) => [
      [`${name} · widget, script tag only`, ...Object.values(r.widget_ready_ms).slice(1)],
      [`${name} · widget, with pay-later-preload.html's lines`, ...Object.values(r.widget_preload_ready_ms).slice(1)],
      [`${name} · Adyen Drop-in`, ...Object.values(r.adyen_ready_ms).slice(1)],
    ]),
  );
  for (const [name, budget] of /** @type {const} */ ([
    ['loopback', 0.5],
    ['mobile', 0.8],
  ])) {
    const r = result[name];
    console.log(
      `widget ÷ Adyen, medians, ${name}: ×${r.ratio_widget_preload_over_adyen} with the preload lines, ×${r.ratio_widget_over_adyen} with the script tag only (budget ≤ ${budget})`,
    );
  }
  console.log(`encodings served so far: ${JSON.stringify(served)}`);
  return result;
}

// ---- 3. the early-repayment dialog with the in-browser mock --------------------------------------
// Measured in the page: from the click to the DOM showing the result (a MutationObserver), and to
// the next frame painted after it.
const IN_PAGE = `
window.__waitFor = (root, test) => new Promise((resolve) => {
  const found = test();
  if (found) return resolve(found);
  const observer = new MutationObserver(() => {
    const el = test();
    if (el) { observer.disconnect(); resolve(el); }
  });
  observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
});
// The module loads on first need: the widget's root exists once it has said paylater:ready.
window.__mounted = (el) => new Promise((resolve) => {
  if (el.shadowRoot && el.shadowRoot.childElementCount) return resolve(el.shadowRoot);
  el.addEventListener('paylater:ready', () => resolve(el.shadowRoot), { once: true });
});
window.__frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
window.__longTasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
`;
/**
 * @typedef {typeof window & {
 *   __waitFor: <T>(root: Node, test: () => T) => Promise<Exclude<T, null | undefined | false>>,
 *   __mounted: (el: Element) => Promise<ShadowRoot | null>,
 *   __frame: () => Promise<void>,
 *   __longTasks: number[],
 *   __ready?: Partial<ReadyReport>,
 * }} InPage a page with IN_PAGE's helpers (and on bench/pages/ready.html, what it said when ready)
 */

/**
 * @param {Browser} browser
 * @param {string} base the static server
 */
async function dialogLatency(browser, base) {
  /** @type {number[]} */
  const open = [];
  /** @type {number[]} */
  const pay = [];
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(IN_PAGE);
  for (let i = 0; i < RUNS; i++) {
    await page.goto(`${base}/demo/host.html`);
    await page.waitForFunction(() => globalThis.PayLater);
    const r = await page.evaluate(async () => {
      const w = /** @type {InPage} */ (window);
      const el = document.createElement('div');
      const main = document.querySelector('main');
      if (!main) throw new Error('the page has no <main>');
      main.append(el);
      globalThis.PayLater.mount(el, { amount: '1.00', locale: 'en', view: 'bills', sessionToken: 'demo-good', mockLatencyMs: 0 });
      const root = await w.__mounted(el);
      if (!root) throw new Error('the widget has no open shadow root');
      const button = await w.__waitFor(root, () => root.getElementById('plw-bill-bill_on_schedule-repay'));
      await w.__frame();
      const t0 = performance.now();
      button.click();
      await w.__waitFor(root, () => root.querySelector('dialog[open] [data-testid="breakdown"]'));
      const t1 = performance.now();
      await w.__frame();
      const t1p = performance.now();
      const payButton = await w.__waitFor(root, () => {
        const b = root.querySelector('dialog[open] .plw-button--primary.plw-button--block');
        return b instanceof HTMLButtonElement && !b.disabled && b.textContent?.startsWith('Pay') ? b : null;
      });
      await w.__frame();
      const t2 = performance.now();
      payButton.click();
      await w.__waitFor(root, () => root.querySelector('dialog[open] [data-testid="receipt"]'));
      const t3 = performance.now();
      await w.__frame();
      const t3p = performance.now();
      return { open: t1 - t0, openPainted: t1p - t0, pay: t3 - t2, payPainted: t3p - t2 };
    });
    open.push(r.openPainted);
    pay.push(r.payPainted);
  }
  await context.close();
  const result = { runs: RUNS, open_dialog_with_quote_ms: stats(open), pay_to_confirmation_ms: stats(pay) };
  table(
    `Early-repayment dialog with the in-browser mock (click → shown and painted), ${RUNS} runs`,
    ['step', 'median ms', 'p25', 'p75', 'min', 'max'],
    [
      ['click Repay early → dialog with the quote', ...Object.values(result.open_dialog_with_quote_ms).slice(1)],
      ['click Pay → confirmation with receipt', ...Object.values(result.pay_to_confirmation_ms).slice(1)],
    ],
  );
  return result;
}

// ---- 3b. what the shopper waits for after a click, merchant build over HTTP ------------------------
// Click Pay later → the plans shown (the checkout module is fetched on that click, in parallel with
// eligibility) and click Repay early → the quote shown, each from a fresh context (nothing cached:
// the module fetched on the click counts), on loopback and on the mobile profile.
/**
 * @typedef {{ loads: number, click_pay_later_to_plans_ms: Stats, click_repay_early_to_quote_ms: Stats }} ClickWaits
 */
/**
 * @param {Browser} browser
 * @param {string} base the static server
 * @param {string} api the sandbox
 */
async function clickWaits(browser, base, api) {
  /** @type {Record<string, ClickWaits>} by profile */
  const result = {};
  for (const [profileName, profile, loads] of /** @type {const} */ ([
    ['loopback', null, Math.max(5, Math.round(LOADS / 2))],
    ['mobile', MOBILE, MOBILE_LOADS],
  ])) {
    /** @type {number[]} */
    const plans = [];
    /** @type {number[]} */
    const quote = [];
    for (let i = 0; i < loads; i++) {
      {
        const { context, page, files } = await freshPage(browser, profile);
        await page.addInitScript(IN_PAGE);
        await page.goto(`${base}/merchant/ready.html?api=${encodeURIComponent(api)}`);
        await page.waitForFunction(() => /** @type {InPage} */ (window).__ready?.painted, null, { timeout: 60_000 });
        const before = files.length;
        const ms = await page.evaluate(async () => {
          const w = /** @type {InPage} */ (window);
          const root = document.getElementById('w')?.shadowRoot;
          if (!root) throw new Error('no widget #w with an open shadow root');
          const button = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Pay later');
          if (!button) throw new Error('no Pay later button');
          const t0 = performance.now();
          button.click();
          await w.__waitFor(root, () => root.querySelectorAll('input[type="radio"][name="plw-plan"]').length === 4);
          await w.__frame();
          return performance.now() - t0;
        });
        const onClick = files.slice(before);
        if (!onClick.includes('pay-later-offer-checkout_bg.wasm')) throw new Error(`Pay later did not fetch the checkout part: ${onClick.join(', ')}`);
        plans.push(ms);
        await context.close();
      }
      {
        const { context, page } = await freshPage(browser, profile);
        await page.addInitScript(IN_PAGE);
        await page.goto(`${base}/merchant/host.html`);
        await page.waitForFunction(() => globalThis.PayLater);
        const ms = await page.evaluate(async (api) => {
          const w = /** @type {InPage} */ (window);
          const el = document.createElement('div');
          const main = document.querySelector('main');
          if (!main) throw new Error('the page has no <main>');
          main.append(el);
          globalThis.PayLater.mount(el, { amount: '1.00', locale: 'en', view: 'bills', apiBaseUrl: api, sessionToken: 'demo-good', timeoutMs: 60000 });
          const root = await w.__mounted(el);
          if (!root) throw new Error('the widget has no open shadow root');
          const button = await w.__waitFor(root, () => root.getElementById('plw-bill-bill_on_schedule-repay'));
          await w.__frame();
          const t0 = performance.now();
          button.click();
          await w.__waitFor(root, () => root.querySelector('dialog[open] [data-testid="breakdown"]'));
          await w.__frame();
          return performance.now() - t0;
        }, api);
        quote.push(ms);
        await context.close();
      }
    }
    result[profileName] = { loads, click_pay_later_to_plans_ms: stats(plans), click_repay_early_to_quote_ms: stats(quote) };
  }
  table(
    'After a click (merchant build, HTTP sandbox, a fresh context each: what the click fetches counts), click → shown and painted',
    ['profile · wait', 'median ms', 'p25', 'p75', 'min', 'max'],
    Object.entries(result).flatMap(([name, r]) => [
      [`${name} · Pay later → plans`, ...Object.values(r.click_pay_later_to_plans_ms).slice(1)],
      [`${name} · Repay early → quote`, ...Object.values(r.click_repay_early_to_quote_ms).slice(1)],
    ]),
  );
  return result;
}

// ---- 4. the bills view at scale (HTTP sandbox) ---------------------------------------------------
/**
 * @typedef {object} Scale the bills view of a shopper with `bills` bills
 * @property {number} bills
 * @property {{ open: number, settled: number, after_show_more: number }} shown how many bills the list showed
 * @property {Stats} render_ms
 * @property {Stats} filter_to_settled_ms
 * @property {Stats | null} show_more_ms null: no "Show more bills"
 * @property {number} longest_task_ms median
 * @property {number} wasm_memory_mb median
 * @property {number} js_heap_mb median
 */
/**
 * @param {Browser} browser
 * @param {string} base the static server
 * @param {string} api the sandbox
 */
async function scale(browser, base, api) {
  /** @type {Cell[][]} */
  const rows = [];
  /** @type {{ [bills: number]: Scale, growth_1000_over_100?: { render: number, filter: number } }} */
  const out = {};
  for (const [token, bills] of /** @type {const} */ ([
    ['demo-scale-100', 100],
    ['demo-scale', 1000],
  ])) {
    // Made on first use: make it before measuring.
    await fetch(`${api}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    /** @type {{ render: number[], filter: number[], more: number[], longest: number[], wasm: number[], heap: number[], shown?: Scale['shown'] }} */
    const samples = { render: [], filter: [], more: [], longest: [], wasm: [], heap: [] };
    for (let i = 0; i < Math.max(3, Math.round(RUNS / 3)); i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript(IN_PAGE);
      await page.goto(`${base}/merchant/host.html`);
      await page.waitForFunction(() => globalThis.PayLater);
      page.on('console', (m) => process.env.BENCH_DEBUG && console.log('  page:', m.text()));
      page.on('crash', () => console.log('  page crashed'));
      page.on('pageerror', (e) => console.log('  page error:', String(e)));
      const r = await page.evaluate(
        async ({ token, api }) => {
          const w = /** @type {InPage} */ (window);
          // Long tasks of loading the page (compiling the wasm) are reported late: let them
          // arrive, then count only what the bills view does.
          await globalThis.PayLater.preload('bills');
          await new Promise((r) => setTimeout(r, 200));
          w.__longTasks.length = 0;
          const el = document.createElement('div');
          const main = document.querySelector('main');
          if (!main) throw new Error('the page has no <main>');
          main.append(el);
          const t0 = performance.now();
          globalThis.PayLater.mount(el, { amount: '1.00', locale: 'en', view: 'bills', apiBaseUrl: api, sessionToken: token, timeoutMs: 60000 });
          const root = await w.__mounted(el);
          if (!root) throw new Error('the widget has no open shadow root');
          const count = () => root.querySelectorAll('[data-testid="bill-list"] > li').length;
          const shown = () => root.querySelector('[data-testid="bill-list"]') && root.querySelector('[data-testid="records"] [data-receipt]');
          await w.__waitFor(root, () => shown());
          await w.__frame();
          const t1 = performance.now();
          const openCount = count();
          // Switch to "Settled" (the list is patched in place: done when it shows settled bills).
          const settled = [...root.querySelectorAll('input[name="plw-bill-filter"]')][1];
          if (!(settled instanceof HTMLInputElement)) throw new Error('no "Settled" filter');
          const t2 = performance.now();
          settled.click();
          await w.__waitFor(root, () => root.querySelector('[data-testid="bill-list"] > li[data-status="settled"]'));
          await w.__frame();
          const t3 = performance.now();
          const settledCount = count();
          // "Show more bills": the next page appended.
          const more = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Show more bills');
          let t5 = null;
          const t4 = performance.now();
          if (more) {
            more.click();
            await w.__waitFor(root, () => count() > settledCount);
            await w.__frame();
            t5 = performance.now();
          }
          return {
            render: t1 - t0,
            filter: t3 - t2,
            more: t5 && t5 - t4,
            openCount,
            settledCount,
            afterMore: count(),
            longTasks: [...w.__longTasks],
            wasm: globalThis.PayLater.memory().wasmBytes,
          };
        },
        { token, api, bills },
      );
      const cdp = await context.newCDPSession(page);
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = await cdp.send('Runtime.getHeapUsage');
      samples.render.push(r.render);
      samples.filter.push(r.filter);
      if (r.more != null) samples.more.push(r.more);
      samples.longest.push(r.longTasks.length ? Math.max(...r.longTasks) : 0);
      samples.wasm.push(r.wasm);
      samples.heap.push(heap.usedSize);
      samples.shown = { open: r.openCount, settled: r.settledCount, after_show_more: r.afterMore };
      await context.close();
    }
    if (!samples.shown) throw new Error(`no run measured ${token}`);
    const s = {
      bills,
      shown: samples.shown,
      render_ms: stats(samples.render),
      filter_to_settled_ms: stats(samples.filter),
      show_more_ms: samples.more.length ? stats(samples.more) : null,
      longest_task_ms: +median(samples.longest).toFixed(1),
      wasm_memory_mb: +(median(samples.wasm) / 1048576).toFixed(1),
      js_heap_mb: +(median(samples.heap) / 1048576).toFixed(1),
    };
    out[bills] = s;
    rows.push([
      `${bills} bills`,
      s.render_ms.median,
      s.filter_to_settled_ms.median,
      s.show_more_ms ? s.show_more_ms.median : '-',
      s.longest_task_ms,
      `${s.shown.open} / ${s.shown.settled} / ${s.shown.after_show_more}`,
      s.wasm_memory_mb,
      s.js_heap_mb,
    ]);
  }
  out.growth_1000_over_100 = {
    render: +(out[1000].render_ms.median / out[100].render_ms.median).toFixed(1),
    filter: +(out[1000].filter_to_settled_ms.median / out[100].filter_to_settled_ms.median).toFixed(1),
  };
  table(
    'Bills view at scale (HTTP sandbox on loopback; N bills and 5·N records; 20 per page; medians)',
    ['shopper', 'render ms', 'filter→settled ms', 'show more ms', 'longest task ms', 'shown: open / settled / +more', 'wasm MB', 'JS heap MB'],
    rows,
  );
  console.log(
    `growth 100 → 1,000 bills: render ×${out.growth_1000_over_100.render}, filter ×${out.growth_1000_over_100.filter} (linear would be ×10; pages keep it flat)`,
  );
  return out;
}

// ---- main -----------------------------------------------------------------------------------------
const started = new Date();
const server = await serve();
const address = server.address();
if (!address || typeof address === 'string') throw new Error(`the static server listens on ${address}, not on a port`);
const base = `http://127.0.0.1:${address.port}`;
const sandbox = await startSandbox();
const browser = await chromium.launch({ ...CHROMIUM_LAUNCH, args: [...CHROMIUM_LAUNCH.args, '--enable-precise-memory-info'] });
try {
  const result = {
    date: started.toISOString(),
    machine: { cpus: (await import('node:os')).cpus().length, chromium: browser.version() },
    sizes: sizes(),
    time_to_ready: ONLY && ONLY !== 'ready' ? null : await timeToReady(browser, base, sandbox.url),
    after_click: ONLY && ONLY !== 'clicks' ? null : await clickWaits(browser, base, sandbox.url),
    dialog: ONLY && ONLY !== 'dialog' ? null : await dialogLatency(browser, base),
    scale: ONLY && ONLY !== 'scale' ? null : await scale(browser, base, sandbox.url),
  };
  mkdirSync('bench/results', { recursive: true });
  const json = JSON.stringify(result, null, 2);
  writeFileSync('bench/results/latest.json', json);
  writeFileSync(`bench/results/${started.toISOString().slice(0, 10)}.json`, json);
  const { sizes: size, time_to_ready: ready } = result;
  const checkoutRatio = size.ratio_brotli_checkout_over_adyen;
  const accountKiB = size.pages['account page'].total.brotli / 1024;
  console.log('\nBudgets (issue 22)');
  const verdict = (/** @type {boolean} */ ok) => (ok ? 'met' : 'MISSED');
  console.log(
    `  checkout page lighter than Adyen's Drop-in (aim 0.9): ×${checkoutRatio} → ${verdict(checkoutRatio < 1)}${checkoutRatio <= 0.9 ? ', aim met' : ''}`,
  );
  console.log(`  account page ≤ 150 KiB: ${accountKiB.toFixed(1)} KiB → ${verdict(accountKiB <= 150)}`);
  if (ready) {
    for (const [name, budget] of /** @type {const} */ ([
      ['loopback', 0.5],
      ['mobile', 0.8],
    ])) {
      const r = ready[name].ratio_widget_preload_over_adyen;
      console.log(
        `  offer line visible ≤ ${budget} × Adyen's first payment method on ${name} (the page with the preload lines): ×${r} → ${verdict(r <= budget)}; script tag only ×${ready[name].ratio_widget_over_adyen}`,
      );
    }
  }
  if (result.after_click) {
    const m = result.after_click.mobile;
    console.log(
      `  Pay later → plans ≤ 1 s on the mobile profile: ${m.click_pay_later_to_plans_ms.median} ms → ${verdict(m.click_pay_later_to_plans_ms.median <= 1000)}`,
    );
    console.log(
      `  Repay early → quote ≤ 1 s on the mobile profile: ${m.click_repay_early_to_quote_ms.median} ms → ${verdict(m.click_repay_early_to_quote_ms.median <= 1000)}`,
    );
  }
  if (result.scale) {
    const longest = result.scale[1000].longest_task_ms;
    console.log(`  1,000 bills without a task over 50 ms: longest ${longest} ms → ${verdict(longest <= 50)}`);
  }
  console.log('\nwritten to bench/results/latest.json');
} finally {
  await browser.close();
  sandbox.child.kill();
  server.close();
}

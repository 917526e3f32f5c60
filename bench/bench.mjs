// The benchmark: sizes, time to ready, the early-repayment dialog's latency, and the bills view at
// scale, printed as tables and written to bench/results/ as JSON (latest.json and a dated copy).
// Run by scripts/bench.sh, which builds what it measures:
//   dist-merchant/  the widget as a merchant embeds it (release, no in-browser mock)
//   dist/           the demo build (release, with the mock)
//   target/debug/paylater-sandbox
// Usage: node bench/bench.mjs [--loads 21] [--runs 15]
import http from 'node:http';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { chromium } from '@playwright/test';
import { measure } from './sizes.mjs';
import { CHROMIUM_LAUNCH } from '../tests/chromium.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const LOADS = arg('loads', 21);
const RUNS = arg('runs', 15);
// BENCH_ONLY=ready|dialog|scale measures one part (while working on it); the JSON is then partial.
const ONLY = process.env.BENCH_ONLY;

// ---- helpers ------------------------------------------------------------------------------------
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))];
};
const stats = (xs) => ({
  n: xs.length,
  median: +median(xs).toFixed(1),
  p25: +quantile(xs, 0.25).toFixed(1),
  p75: +quantile(xs, 0.75).toFixed(1),
  min: +Math.min(...xs).toFixed(1),
  max: +Math.max(...xs).toFixed(1),
});
const kb = (n) => (n / 1024).toFixed(1);
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
function table(title, head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  console.log(`\n${title}`);
  console.log(head.map((h, i) => (i ? lpad(h, widths[i]) : pad(h, widths[i]))).join('  '));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(r.map((c, i) => (i ? lpad(c, widths[i]) : pad(c, widths[i]))).join('  '));
}

// ---- a static server: /merchant/ and /demo/ builds, each with the benchmark's pages -------------
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml' };
function serve() {
  const roots = { merchant: 'dist-merchant', demo: 'dist' };
  const server = http.createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const [, top, ...rest] = path.split('/');
    const name = normalize(rest.join('/')).replace(/^(\.\.[/\\])+/, '');
    const candidates = top === 'blank.html' ? ['bench/pages/blank.html'] : roots[top] ? [join('bench/pages', name), join(roots[top], name)] : [];
    const file = candidates.find((f) => existsSync(f) && !f.endsWith('/'));
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function startSandbox() {
  return new Promise((resolve, reject) => {
    const child = spawn(`${process.env.CARGO_TARGET_DIR ?? 'target'}/debug/paylater-sandbox`, ['--port', '0', '--allow-any-origin', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (d) => {
      const m = /listening on (http:\/\/[\d.:]+)/.exec(String(d));
      if (m) resolve({ url: m[1], child });
    });
    child.on('error', reject);
  });
}

// ---- 1. sizes -------------------------------------------------------------------------------------
function sizes() {
  const { rows } = measure('dist-merchant');
  // What a merchant's page loads: the module, the bindings and the wasm (the CSS is inside the
  // wasm, adopted into the shadow root; no fonts, no images).
  const loaded = rows.filter((r) => ['pay-later.js', 'pay-later-widget.js', 'pay-later-widget_bg.wasm'].includes(r.file));
  const total = loaded.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  const demoWasm = measure('dist').rows.find((r) => r.file === 'pay-later-widget_bg.wasm');
  table(
    'Transfer size of what the widget loads (merchant build, no mock)',
    ['file', 'raw KB', 'gzip -9 KB', 'brotli -q 11 KB'],
    [...loaded, { file: 'total', ...total }].map((r) => [r.file, kb(r.raw), kb(r.gzip), kb(r.brotli)]),
  );
  console.log(`(the demo build's wasm, with the in-browser mock: ${kb(demoWasm.raw)} KB raw, ${kb(demoWasm.brotli)} KB brotli)`);
  return { files: loaded, total, demo_wasm_with_mock: demoWasm, budget_brotli_kb: 150, aim_brotli_kb: 100 };
}

// ---- 2. time to ready -----------------------------------------------------------------------------
async function timeToReady(browser, base, api) {
  const blank = [];
  const ready = [];
  const painted = [];
  for (let i = 0; i < LOADS; i++) {
    for (const kind of ['blank', 'ready']) {
      const context = await browser.newContext();
      const page = await context.newPage();
      if (kind === 'blank') {
        await page.goto(`${base}/blank.html`, { waitUntil: 'load' });
        blank.push(await page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd));
      } else {
        await page.goto(`${base}/merchant/ready.html?api=${encodeURIComponent(api)}`);
        await page.waitForFunction(() => window.__ready && window.__ready.painted, null, { timeout: 20_000 });
        const r = await page.evaluate(() => window.__ready);
        if (!/\d/.test(r.offer)) throw new Error(`the offer line is not shown at ready: ${JSON.stringify(r.offer)}`);
        ready.push(r.ms);
        painted.push(r.painted);
      }
      await context.close();
    }
  }
  const result = { loads: LOADS, blank_load_ms: stats(blank), ready_ms: stats(ready), ready_painted_ms: stats(painted) };
  result.ready_minus_blank_ms = +(result.ready_ms.median - result.blank_load_ms.median).toFixed(1);
  table(
    `Time to ready (navigation start → paylater:ready with the offer shown), ${LOADS} loads, a fresh context each`,
    ['page', 'median ms', 'p25', 'p75', 'min', 'max'],
    [
      ['blank page (load event)', ...Object.values(result.blank_load_ms).slice(1)],
      ['widget ready', ...Object.values(result.ready_ms).slice(1)],
      ['widget ready, next frame painted', ...Object.values(result.ready_painted_ms).slice(1)],
    ],
  );
  console.log(`ready − blank (medians): ${result.ready_minus_blank_ms} ms (budget ≤ 100 ms)`);
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
window.__frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
window.__longTasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
`;

async function dialogLatency(browser, base) {
  const open = [];
  const pay = [];
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(IN_PAGE);
  for (let i = 0; i < RUNS; i++) {
    await page.goto(`${base}/demo/host.html`);
    await page.waitForFunction(() => globalThis.PayLater);
    const r = await page.evaluate(async () => {
      const el = document.createElement('div');
      document.querySelector('main').append(el);
      globalThis.PayLater.mount(el, { amount: '1.00', locale: 'en', view: 'bills', sessionToken: 'demo-good', mockLatencyMs: 0 });
      const root = el.shadowRoot;
      const button = await window.__waitFor(root, () => root.getElementById('plw-bill-bill_on_schedule-repay'));
      await window.__frame();
      const t0 = performance.now();
      button.click();
      await window.__waitFor(root, () => root.querySelector('dialog[open] [data-testid="breakdown"]'));
      const t1 = performance.now();
      await window.__frame();
      const t1p = performance.now();
      const payButton = await window.__waitFor(root, () => {
        const b = root.querySelector('dialog[open] .plw-button--primary.plw-button--block');
        return b && !b.disabled && b.textContent.startsWith('Pay') ? b : null;
      });
      await window.__frame();
      const t2 = performance.now();
      payButton.click();
      await window.__waitFor(root, () => root.querySelector('dialog[open] [data-testid="receipt"]'));
      const t3 = performance.now();
      await window.__frame();
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

// ---- 4. the bills view at scale (HTTP sandbox) ---------------------------------------------------
async function scale(browser, base, api) {
  const rows = [];
  const out = {};
  for (const [token, bills] of [
    ['demo-scale-100', 100],
    ['demo-scale', 1000],
  ]) {
    // Made on first use: make it before measuring.
    await fetch(`${api}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
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
        async ({ token, api, bills }) => {
          // Long tasks of loading the page (compiling the wasm) are reported late: let them
          // arrive, then count only what the bills view does.
          await new Promise((r) => setTimeout(r, 200));
          window.__longTasks.length = 0;
          const el = document.createElement('div');
          document.querySelector('main').append(el);
          const t0 = performance.now();
          globalThis.PayLater.mount(el, { amount: '1.00', locale: 'en', view: 'bills', apiBaseUrl: api, sessionToken: token, timeoutMs: 60000 });
          const root = el.shadowRoot;
          const count = () => root.querySelectorAll('[data-testid="bill-list"] > li').length;
          const shown = () => root.querySelector('[data-testid="bill-list"]') && root.querySelector('[data-testid="records"] [data-receipt]');
          await window.__waitFor(root, () => shown());
          await window.__frame();
          const t1 = performance.now();
          const openCount = count();
          // Switch to "Settled" (the list is patched in place: done when it shows settled bills).
          const settled = [...root.querySelectorAll('input[name="plw-bill-filter"]')][1];
          const t2 = performance.now();
          settled.click();
          await window.__waitFor(root, () => root.querySelector('[data-testid="bill-list"] > li[data-status="settled"]'));
          await window.__frame();
          const t3 = performance.now();
          const settledCount = count();
          // "Show more bills": the next page appended.
          const more = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Show more bills');
          let t5 = null;
          const t4 = performance.now();
          if (more) {
            more.click();
            await window.__waitFor(root, () => count() > settledCount);
            await window.__frame();
            t5 = performance.now();
          }
          return { render: t1 - t0, filter: t3 - t2, more: t5 && t5 - t4, openCount, settledCount, afterMore: count(), longTasks: [...window.__longTasks], wasm: globalThis.PayLater.memory().wasmBytes };
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
  console.log(`growth 100 → 1,000 bills: render ×${out.growth_1000_over_100.render}, filter ×${out.growth_1000_over_100.filter} (linear would be ×10; pages keep it flat)`);
  return out;
}

// ---- main -----------------------------------------------------------------------------------------
const started = new Date();
const server = await serve();
const base = `http://127.0.0.1:${server.address().port}`;
const sandbox = await startSandbox();
const browser = await chromium.launch({ ...CHROMIUM_LAUNCH, args: [...CHROMIUM_LAUNCH.args, '--enable-precise-memory-info'] });
try {
  const result = {
    date: started.toISOString(),
    machine: { cpus: (await import('node:os')).cpus().length, chromium: browser.version() },
    sizes: sizes(),
    time_to_ready: ONLY && ONLY !== 'ready' ? null : await timeToReady(browser, base, sandbox.url),
    dialog: ONLY && ONLY !== 'dialog' ? null : await dialogLatency(browser, base),
    scale: ONLY && ONLY !== 'scale' ? null : await scale(browser, base, sandbox.url),
  };
  mkdirSync('bench/results', { recursive: true });
  const json = JSON.stringify(result, null, 2);
  writeFileSync('bench/results/latest.json', json);
  writeFileSync(`bench/results/${started.toISOString().slice(0, 10)}.json`, json);
  const brotli = result.sizes.total.brotli / 1024;
  console.log('\nBudgets');
  console.log(`  transfer ≤ 150 KB brotli (aim 100): ${brotli.toFixed(1)} KB → ${brotli <= 150 ? 'met' : `missed by ${(brotli - 150).toFixed(1)} KB`}`);
  if (result.time_to_ready) {
    const gap = result.time_to_ready.ready_minus_blank_ms;
    console.log(`  ready within 100 ms of a blank page: ${gap} ms → ${gap <= 100 ? 'met' : `missed by ${(gap - 100).toFixed(1)} ms`}`);
  }
  if (result.scale) {
    const longest = result.scale[1000].longest_task_ms;
    console.log(`  1,000 bills without a task over 50 ms: longest ${longest} ms → ${longest <= 50 ? 'met' : 'missed'}`);
  }
  console.log('\nwritten to bench/results/latest.json');
} finally {
  await browser.close();
  sandbox.child.kill();
  server.close();
}

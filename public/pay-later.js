// 先享后付 / Pay later: the embedding module. One script, no inline code, loaded from the widget's
// own origin:
//
//   <script type="module" src="https://widget.example.com/pay-later.js"></script>
//
// then either an element
//
//   <pay-later-checkout amount="1299.00" currency="CNY" locale="zh-CN" merchant-id="M1" order-id="O1"></pay-later-checkout>
//
// or a call
//
//   const handle = PayLater.mount(document.getElementById('pay-later'), { amount: '1299.00', currency: 'CNY' });
//   handle.update({ amount: '1599.00' });   // re-renders in place
//   handle.unmount();
//
// Elements marked `data-pay-later` are mounted when the module loads. Options are documented in
// the README; the widget itself is WebAssembly (pay-later-widget_bg.wasm, beside this file).
import init, * as widget from './pay-later-widget.js';

const { mountHost, unmountHost, liveWidgets, setSessionToken } = widget;

const wasm = await init({ module_or_path: new URL('./pay-later-widget_bg.wasm', import.meta.url) });

/// Option names (camelCase, as in `PayLater.mount`) and the attributes they become.
const OPTIONS = {
  amount: 'amount',
  currency: 'currency',
  locale: 'locale',
  merchantId: 'merchant-id',
  orderId: 'order-id',
  apiBaseUrl: 'api-base-url',
  sessionToken: 'session-token',
  timeoutMs: 'timeout-ms',
  mockLatencyMs: 'mock-latency-ms',
  view: 'view',
  theme: 'theme',
};
const NUMBER_OPTIONS = new Set(['timeoutMs', 'mockLatencyMs']);

/// Writes `options` onto `element` as data-* attributes; returns the problems found.
function applyOptions(element, options) {
  const problems = [];
  if (options === null || typeof options !== 'object') {
    problems.push('options must be an object such as { amount: "1299.00", currency: "CNY" }');
    options = {};
  }
  for (const [key, value] of Object.entries(options)) {
    const attribute = OPTIONS[key];
    if (!attribute) {
      problems.push(`unknown option "${key}": use ${Object.keys(OPTIONS).join(', ')}`);
      continue;
    }
    if (key === 'sessionToken') {
      // In memory only: never written to the DOM, where session-replay scripts would record it.
      if (typeof value === 'string') setSessionToken(element, value);
      else problems.push(`sessionToken must be a string, not ${value === null ? 'null' : typeof value}`);
      continue;
    }
    if (value === undefined || value === null) {
      element.removeAttribute(`data-${attribute}`);
      continue;
    }
    const ok = typeof value === 'string' || (NUMBER_OPTIONS.has(key) && Number.isInteger(value));
    if (!ok) {
      problems.push(
        key === 'amount'
          ? `amount must be a decimal string such as "1299.00", not the ${typeof value} ${String(value)}: a float cannot hold cents exactly`
          : `${key} must be a string, not ${typeof value}`,
      );
      continue;
    }
    element.setAttribute(`data-${attribute}`, String(value));
  }
  if (problems.length) {
    // The widget shows the shopper a plain notice and logs this message for the developer.
    element.setAttribute('data-options-error', `[pay-later] ${problems.join('; ')}`);
  } else {
    element.removeAttribute('data-options-error');
  }
  return problems;
}

function handleFor(element) {
  return {
    element,
    update(options) {
      applyOptions(element, options);
    },
    unmount() {
      unmountHost(element);
    },
  };
}

export const PayLater = {
  /// Mounts a widget in `element` with `options`; returns { element, update(options), unmount() }.
  mount(element, options = {}) {
    if (!(element instanceof HTMLElement)) {
      const message = `[pay-later] PayLater.mount needs an element to render in, got ${element === null ? 'null' : typeof element}: pass e.g. document.getElementById('pay-later')`;
      console.error(message);
      throw new TypeError(message);
    }
    applyOptions(element, options);
    mountHost(element);
    return handleFor(element);
  },
  /// Unmounts the widget in `element`, if any.
  unmount(element) {
    return element instanceof HTMLElement ? unmountHost(element) : false;
  },
  /// How many widgets are mounted on the page.
  liveWidgets,
  /// The WebAssembly memory the widgets use, in bytes (for diagnostics and benchmarks).
  memory() {
    return { wasmBytes: wasm.memory.buffer.byteLength };
  },
  /// Demo builds only (the in-browser mock): the demo page's stand-in for the merchant's server,
  /// `request(method, path, body, idempotencyKey)` → `{status, body}` on the merchant API with the
  /// demo key. Absent from merchant builds: a real shop calls the provider from its own server.
  demoMerchant: widget.demoMerchantRequest
    ? { request: (method, path, body = '', idempotencyKey) => widget.demoMerchantRequest(method, path, body, idempotencyKey) }
    : undefined,
};

/// `<pay-later-checkout amount="…" currency="…" locale="…" …>`: mounts itself when connected,
/// follows its attribute changes, unmounts when removed.
class PayLaterCheckout extends HTMLElement {
  connectedCallback() {
    mountHost(this);
  }
  disconnectedCallback() {
    unmountHost(this);
  }
}
if (!customElements.get('pay-later-checkout')) customElements.define('pay-later-checkout', PayLaterCheckout);

globalThis.PayLater = PayLater;
export default PayLater;

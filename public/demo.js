// The demo merchant page's own script (not part of the widget): applies the demo controls
// (?shopper=, ?lang=, ?api=, ?latency=) to the widget element before the widget starts, and keeps
// the controls' form in step. Loaded with `defer` before the widget's module, so it runs first.
(() => {
  const params = new URLSearchParams(location.search);
  const host = document.getElementById('pay-later');
  const hosts = Array.from(document.querySelectorAll('[data-pay-later]'));
  const form = /** @type {HTMLFormElement | null} */ (document.getElementById('demo-controls'));
  if (!host) return;

  // The demo shopper's session token; with the HTTP sandbox a token is required, so the first demo
  // shopper is the default there too.
  const shopper = params.get('shopper') || 'demo-good';
  const lang = params.get('lang');
  const api = params.get('api');
  const latency = params.get('latency');
  for (const h of hosts) {
    if (shopper) h.setAttribute('data-session-token', shopper);
    if (lang) h.setAttribute('data-locale', lang);
    if (api) h.setAttribute('data-api-base-url', api);
    else h.setAttribute('data-mock-latency-ms', latency ?? '400');
  }
  if (lang) document.documentElement.lang = lang;
  // The shoppers whose limit is in another currency shop in it: the cart follows.
  const cart = /** @type {HTMLElement | null} */ (document.querySelector('[data-cart-total]'));
  /** @type {Record<string, [string, string, string]>} */
  const foreigners = { 'demo-jp': ['JPY', '129900', '￥129,900'], 'demo-hk': ['HKD', '1299.00', 'HK$1,299.00'] };
  const foreign = foreigners[shopper.split('+')[0]];
  if (foreign && cart) {
    const [currency, amount, shown] = foreign;
    cart.dataset.cartCurrency = currency;
    cart.dataset.cartTotal = amount;
    for (const el of cart.querySelectorAll('.order-lines span:last-child, .order-total strong')) el.textContent = '';
    const total = cart.querySelector('.order-total strong');
    if (total) total.textContent = shown;
    for (const h of hosts) {
      h.setAttribute('data-currency', currency);
      h.setAttribute('data-amount', amount);
    }
  }
  // A fresh order id per visit, so that a confirmed demo order can be made again after a reload.
  // The shop keeps its own copy: what the page's attributes say later (a shopper can edit them in
  // devtools) is not what the shop captures.
  const orderId = `ORDER-${Date.now().toString(36).toUpperCase()}`;
  host.setAttribute('data-order-id', orderId);
  const orderHeading = document.getElementById('order-heading');
  if (orderHeading) orderHeading.textContent = `订单 Order ${orderId}`;
  playTheShopsServer(orderId, api);

  if (form) {
    /** @type {[string, string | null][]} */
    const fields = [
      ['shopper', shopper],
      ['lang', lang],
    ];
    for (const [name, value] of fields) {
      const field = /** @type {HTMLInputElement | null} */ (form.elements.namedItem(name));
      if (field && value) field.value = value;
    }
    const apiField = /** @type {HTMLInputElement | null} */ (form.elements.namedItem('api'));
    if (apiField && api) apiField.value = api;
    else if (apiField) apiField.disabled = true;
    const source = document.getElementById('demo-api-source');
    if (source) source.textContent = api ? `API: ${api}` : 'API: in-browser mock';
  }

  /**
   * The shop's server, in this demo: with the in-browser mock there is no server, so this page
   * stands in for it through `PayLater.demoMerchant` (demo builds only). It does what a real
   * merchant's server does (examples/merchant-server/): on `paylater:approved` it captures the
   * order with the total from the SHOP'S OWN records (the order card, not the widget's amount),
   * and cancels an authorization whose amount does not match.
   * @param {string} orderId
   * @param {string | null} api the sandbox's URL, or null with the in-browser mock
   */
  function playTheShopsServer(orderId, api) {
    const note = document.getElementById('demo-merchant-note');
    const status = document.getElementById('merchant-status');
    const cart = /** @type {HTMLElement | null} */ (document.querySelector('[data-cart-total]'));
    if (!status || !cart) return;
    const say = (/** @type {string} */ state, /** @type {string} */ text) => {
      status.dataset.status = state;
      status.textContent = text;
    };
    if (api) {
      if (note)
        note.textContent =
          '此页面连接 HTTP 沙箱：订单由商家服务器确认（scripts/demo.sh --sandbox 同时启动示例商家服务器）。 With the HTTP sandbox, a merchant server captures orders: scripts/demo.sh --sandbox also starts the example merchant server.';
      return;
    }
    if (note)
      note.textContent =
        "演示：没有服务器时，由浏览器内模拟 API 扮演商家服务器，按商家自己的订单金额确认。 Demo: with no server, the in-browser mock plays the shop's server and captures with the shop's own order total.";
    const total = { amount: cart.dataset.cartTotal ?? '', currency: cart.dataset.cartCurrency ?? '' };
    // The total as the shop writes it: the decimal string with its thousands grouped, after the
    // currency's symbol (never through a float).
    const grouped = total.amount.replace(/^\d+/, (whole) => whole.replace(/\B(?=(\d{3})+$)/g, ','));
    /** @type {Record<string, string>} */
    const symbols = { CNY: '¥', JPY: '￥', HKD: 'HK$' };
    const shown = (symbols[total.currency] ?? `${total.currency} `) + grouped;
    document.addEventListener('paylater:approved', (event) => {
      // As a server answers: later, not inside the widget's own event dispatch.
      const authorization = String(/** @type {CustomEvent<{ authorization_id?: string }>} */ (event).detail?.authorization_id || '');
      setTimeout(() => capture(authorization), 300);
    });
    /**
     * Captures the order with the shop's own total, or cancels an authorization that does not match it.
     * @param {string} authorization the authorization id the widget reported
     */
    async function capture(authorization) {
      const merchant = /** @type {{ PayLater?: typeof import('./pay-later.js').PayLater }} */ (globalThis).PayLater?.demoMerchant;
      if (!merchant) return;
      const path = `/v1/merchant/orders/${encodeURIComponent(orderId)}`;
      const captured = await merchant.request(
        'POST',
        `${path}/capture`,
        JSON.stringify({ authorization_id: authorization, order_amount: total, capture_amount: total }),
        `capture-${orderId}-${authorization}`,
      );
      const answer = JSON.parse(captured.body);
      if (captured.status === 200) {
        say('paid', `商家已确认收款，订单 ${orderId} 已支付 · The shop captured ${shown}: order ${orderId} is paid.`);
      } else if (answer.code === 'amount_mismatch') {
        await merchant.request('POST', `${path}/cancel`, JSON.stringify({ authorization_id: authorization }), `cancel-${authorization}`);
        say(
          'refused',
          `商家拒绝：确认的金额不是订单金额，授权已取消，你无需付款 · The shop refused: the amount confirmed is not the order total (${shown}). It cancelled the authorization; you owe nothing.`,
        );
      } else {
        say('refused', `商家未找到这笔付款，未发货 · The shop found no pay-later payment for this order (${answer.code}): nothing was shipped.`);
      }
    }
  }
})();

// @ts-check
// The example shop's checkout page: its HTML, CSS and script. This is the shop's own front end,
// kept apart from server.mjs, whose capture, refunds and webhook verification are the part a
// merchant copies. The page mounts the widget with what the server says (amount, order, the
// shopper's session) and reports an approval to the server, which decides.

/**
 * "1299.00" → "¥1,299.00" (the cart is in CNY).
 * @param {string} amount
 */
const yuan = (amount) => `¥${amount.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;

/**
 * The checkout page of `order`, in `lang`, selling `cart`, with the widget from `widgetUrl`.
 * @param {{ id: string }} order
 * @param {string} lang
 * @param {{ lines: { name: string, amount: string }[], total: string }} cart
 * @param {string} widgetUrl
 */
export function checkoutPage(order, lang, cart, widgetUrl) {
  const lines = cart.lines.map((l) => `<li><span>${l.name}</span><span>${yuan(l.amount)}</span></li>`).join('');
  return `<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Example shop · Checkout</title>
    <link rel="stylesheet" href="/shop.css" />
    <script type="module" src="/checkout.js"></script>
  </head>
  <body>
    <main class="checkout" data-order-id="${order.id}" data-widget-url="${widgetUrl}">
      <h1>结账 Checkout · ${order.id}</h1>
      <section aria-labelledby="cart-heading">
        <h2 id="cart-heading">订单 Order</h2>
        <ul class="lines">${lines}</ul>
        <p class="total"><span>合计 Total</span> <strong>${yuan(cart.total)}</strong></p>
      </section>
      <section aria-labelledby="pay-heading">
        <h2 id="pay-heading">付款方式 Payment</h2>
        <div id="pay-later"></div>
      </section>
      <p id="shop-status" class="status" role="status" data-status="awaiting_payment">等待付款 · Awaiting payment</p>
    </main>
  </body>
</html>`;
}

export const SHOP_CSS = `body{font-family:system-ui,sans-serif;margin:0;background:#f5f5f5;color:#1a1a1a}
.checkout{max-width:560px;margin:0 auto;padding:16px;display:grid;gap:16px}
section{background:#fff;border-radius:12px;padding:16px}
.lines{list-style:none;padding:0;display:grid;gap:4px}.lines li,.total{display:flex;justify-content:space-between}
.status{padding:12px;border-radius:8px;background:#fff}
.status[data-status=paid]{background:#e6f4ea}.status[data-status=refused],.status[data-status=error]{background:#fdecea}`;

/**
 * The page's own script: mounts the widget with what this server says (never the other way round)
 * and reports approvals to this server, which decides.
 */
export const CHECKOUT_JS = `const main = document.querySelector('main');
const orderId = main.dataset.orderId;
const status = document.getElementById('shop-status');
const say = (state, text) => { status.dataset.status = state; status.textContent = text; };
const { PayLater } = await import(new URL('pay-later.js', new URL(main.dataset.widgetUrl, location.href)).href);
const session = await (await fetch('/api/checkout/' + encodeURIComponent(orderId))).json();
const element = document.getElementById('pay-later');
PayLater.mount(element, {
  amount: session.amount, currency: session.currency, locale: document.documentElement.lang,
  merchantId: session.merchant_id, orderId: session.order_id,
  apiBaseUrl: session.api_base_url, sessionToken: session.session_token,
});
element.addEventListener('paylater:approved', async (event) => {
  // Only a hint that something happened: the server checks with the provider, with its own amount.
  say('checking', '正在确认付款 · Confirming your payment with the shop…');
  try {
    const answer = await fetch('/api/paylater/approved', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ order_id: orderId, authorization_id: String(event.detail?.authorization_id ?? '') }),
    });
    const result = await answer.json();
    if (result.status === 'paid') say('paid', '已付款，订单已确认 · Paid: your order ' + orderId + ' is confirmed.');
    else if (result.status === 'refused') say('refused', '商家未接受这笔付款，你无需付款 · The shop did not accept this payment (' + result.reason + '). You owe nothing.');
    else if (result.status === 'pending') say('pending', '付款确认中，稍后会通知你 · Your payment is being confirmed; we will let you know.');
    else say('error', result.message ?? 'Something went wrong. Nothing was charged.');
  } catch {
    say('error', '无法连接商家 · We could not reach the shop. Nothing was charged; reload to check.');
  }
});
`;

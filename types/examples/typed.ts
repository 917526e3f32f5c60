// A merchant's page, typed: the options, the handle, every event's detail, the element.
import { PayLater, type ApprovedDetail, type PayLaterOptions } from 'pay-later-widget';

const options: PayLaterOptions = {
  amount: '1299.00',
  currency: 'CNY',
  locale: 'zh-CN',
  merchantId: 'M-DEMO-SHOP',
  orderId: 'ORDER-1001',
  apiBaseUrl: 'https://paylater-api.example.com',
  sessionToken: 'SESSION-TOKEN-FROM-YOUR-SERVER',
  timeoutMs: 15_000,
  view: 'checkout',
  theme: 'dark',
  translations: { 'offer.title': 'Buy now, pay later' },
};
PayLater.configure({ assetsUrl: '/static/pay-later/' });

const host = document.getElementById('pay-later');
if (host) {
  const handle = PayLater.mount(host, options);
  handle.update({ amount: '1599.00', locale: 'ja' });
  handle.update({ translations: { ja: { 'confirm.button': '確定する' } } });
  handle.element.addEventListener('paylater:approved', (event) => {
    const detail: ApprovedDetail = event.detail;
    const id: string = detail.authorization_id;
    const total: string = detail.amount.amount;
    void fetch('/api/paylater/approved', { method: 'POST', body: JSON.stringify({ id, total, expires: detail.expires_at }) });
  });
  handle.element.addEventListener('paylater:declined', (event) => {
    const reasons: string[] = event.detail.reasons;
    console.info(reasons.join(', '), event.detail.available_limit.currency);
  });
  handle.element.addEventListener('paylater:error', (event) => {
    if (event.detail.call === 'module') console.warn(event.detail.message);
    if (event.detail.code === 'unauthorized') handle.update({ sessionToken: 'RENEWED' });
  });
  handle.element.addEventListener('paylater:sessionexpired', () => handle.update({ sessionToken: 'RENEWED' }));
  handle.unmount();
}

// The events bubble: typed on the document and the window too.
document.addEventListener('paylater:repaid', (event) => console.info(event.detail.receipt_number, event.detail.bill_status));
window.addEventListener('paylater:planchange', (event) => console.info(event.detail.plan, event.detail.fee.amount));

// The custom element is known to the DOM's types.
const element = document.createElement('pay-later-checkout');
element.setAttribute('amount', '88.00');
element.addEventListener('paylater:ready', (event) => console.info(event.detail.status));
document.body.append(element);

await PayLater.preload('bills');
const live: number = globalThis.PayLater.liveWidgets();
console.info(live, PayLater.loadedModules());

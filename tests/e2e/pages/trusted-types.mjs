// The page script of trusted-types.html: mounts a checkout and a bills view with the options in
// the page's query (`shopper`, `lang`, `api`; `assets`: where the modules are, for
// PayLater.configure), as a merchant's page would with PayLater.mount.
// pay-later.js, the module before this one on the page, has set globalThis.PayLater.
const { PayLater } = globalThis;
const params = new URLSearchParams(location.search);
const shopper = params.get('shopper') ?? 'demo-good';
const api = params.get('api') ?? '';
const lang = params.get('lang') ?? 'en';
document.documentElement.lang = lang;
/** @type {import('../../../types/pay-later').PayLaterOptions} */
const common = { apiBaseUrl: api, sessionToken: shopper, locale: /** @type {import('../../../types/pay-later').Locale} */ (lang) };
const assets = params.get('assets');
if (assets) PayLater.configure({ assetsUrl: assets });
const checkout = document.getElementById('pay-later');
const bills = document.getElementById('pay-later-bills');
if (checkout) {
  PayLater.mount(checkout, {
    ...common,
    amount: '1299.00',
    currency: 'CNY',
    merchantId: 'M-DEMO-SHOP',
    orderId: `ORDER-TT-${Date.now().toString(36).toUpperCase()}`,
  });
}
// An account page has no order: the bills view takes no amount.
if (bills) PayLater.mount(bills, { ...common, view: 'bills' });

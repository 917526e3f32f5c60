// Mistakes a merchant's developer makes; each line marked MISUSE must fail `tsc --strict`.
import { PayLater } from 'pay-later-widget';
import type { GlobalComponents } from 'vue';
import type {} from 'pay-later-widget/vue';

const host = document.body;
// MISUSE: a misspelt option
PayLater.mount(host, { ammount: '1299.00' });
// MISUSE: an amount as a number (a float cannot hold cents)
PayLater.mount(host, { amount: 1299 });
// MISUSE: a currency the widget does not take
PayLater.mount(host, { amount: '1299.00', currency: 'GBP' });
// MISUSE: a detail field that does not exist (it is authorization_id)
host.addEventListener('paylater:approved', (event) => console.info(event.detail.authorizationId));
// MISUSE: a view that does not exist
PayLater.mount(host, { amount: '1.00', view: 'cart' });
// MISUSE: a text key that does not exist
PayLater.mount(host, { amount: '1.00', translations: { 'offer.titel': 'x' } });
type VueProps = InstanceType<GlobalComponents['pay-later-checkout']>['$props'];
// MISUSE: a misspelt attribute on the Vue component
export const vueProps: VueProps = { ammount: '1.00' };
// MISUSE: a wrong detail field in a Vue listener
export const vueListener: VueProps = { 'onPaylater:approved': (event) => console.info(event.detail.authorizationId) };

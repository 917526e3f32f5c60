// The Vue 3 typings of <pay-later-checkout>, as a template's type checker sees them (vue-tsc reads
// GlobalComponents): known attributes and typed listeners pass.
import type { GlobalComponents } from 'vue';
import type {} from 'pay-later-widget/vue';

type Props = InstanceType<GlobalComponents['pay-later-checkout']>['$props'];
export const props: Props = {
  amount: '1299.00',
  currency: 'HKD',
  locale: 'zh-HK',
  'order-id': 'ORDER-1001',
  'onPaylater:approved': (event) => console.info(event.detail.authorization_id),
};

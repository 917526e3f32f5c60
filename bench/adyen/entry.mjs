// The peer in the benchmark: Adyen Web 6.45.2's Drop-in with two payment methods (Klarna and
// cards), as a merchant's bundler ships it (tree-shaken named imports, esbuild --minify). The
// payment methods come in the page (no /paymentMethods call) and the benchmark page aborts every
// request that leaves the local server, so nothing is measured but the code: parse, evaluate and
// render until the first payment method is visible.
import { AdyenCheckout, Dropin, Card, Klarna } from '@adyen/adyen-web';
import '@adyen/adyen-web/styles/adyen.css';

const paymentMethodsResponse = {
  paymentMethods: [
    { type: 'klarna', name: 'Pay later with Klarna.' },
    { type: 'scheme', name: 'Cards', brands: ['visa', 'mc', 'amex'] },
  ],
};

const checkout = await AdyenCheckout({
  environment: 'test',
  clientKey: 'test_BENCHMARKBENCHMARKBENCHMARKBE',
  locale: 'en-US',
  countryCode: 'NL',
  amount: { value: 129900, currency: 'EUR' },
  paymentMethodsResponse,
  analytics: { enabled: false },
  onSubmit: () => {},
  onError: () => {},
});
new Dropin(checkout, { paymentMethodComponents: [Klarna, Card], openFirstPaymentMethod: false }).mount('#dropin');

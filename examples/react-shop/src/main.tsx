// A merchant's checkout in React 19, using the npm package as a merchant installs it:
// <pay-later-checkout> in JSX (typed by 'pay-later-widget/react'), events through a ref (typed by
// the package's event map), and the shop's own state following the widget.
import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'pay-later-widget';
import type {} from 'pay-later-widget/react';
import type { ApprovedDetail, PayLaterCheckoutElement, PlanChangeDetail } from 'pay-later-widget';

const params = new URLSearchParams(location.search);
const API = params.get('api') ?? 'http://127.0.0.1:8787';
const SHOPPER = params.get('shopper') ?? 'demo-good';

function PayLaterOption({ orderId, total }: { orderId: string; total: string }) {
  const ref = useRef<PayLaterCheckoutElement>(null);
  const [plan, setPlan] = useState<PlanChangeDetail | null>(null);
  const [approved, setApproved] = useState<ApprovedDetail | null>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const onPlan = (event: CustomEvent<PlanChangeDetail>) => setPlan(event.detail);
    const onApproved = (event: CustomEvent<ApprovedDetail>) => setApproved(event.detail);
    element.addEventListener('paylater:planchange', onPlan);
    element.addEventListener('paylater:approved', onApproved);
    return () => {
      element.removeEventListener('paylater:planchange', onPlan);
      element.removeEventListener('paylater:approved', onApproved);
    };
  }, []);
  return (
    <section aria-labelledby="payment-heading">
      <h2 id="payment-heading">Payment</h2>
      <pay-later-checkout
        ref={ref}
        amount={total}
        currency="CNY"
        locale="en"
        merchant-id="M-DEMO-SHOP"
        order-id={orderId}
        api-base-url={API}
        session-token={SHOPPER}
      />
      <p role="status" aria-label="Shop status">
        {approved
          ? `Authorized ${approved.authorization_id} for ¥${approved.amount.amount}: the shop's server captures it now.`
          : plan
            ? `Plan chosen: ${plan.plan}, fee ¥${plan.fee.amount}.`
            : 'Waiting for payment.'}
      </p>
    </section>
  );
}

function Shop() {
  const [orderId] = useState(() => `REACT-${Date.now().toString(36)}`);
  return (
    <main>
      <h1>React shop · Checkout</h1>
      <p>
        Order {orderId}: Wireless headphones, <strong>¥1,299.00</strong>
      </p>
      <PayLaterOption orderId={orderId} total="1299.00" />
    </main>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Shop />
    </StrictMode>,
  );
}

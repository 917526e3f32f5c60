// 先享后付 / Pay later: the types of `pay-later.js`, the one script a page includes.
//
//   import { PayLater } from 'pay-later-widget';
//   const handle = PayLater.mount(el, { amount: '1299.00', currency: 'CNY', apiBaseUrl, sessionToken });
//   el.addEventListener('paylater:approved', (e) => e.detail.authorization_id);
//
// Amounts are decimal strings, never numbers (a float cannot hold cents exactly).

/** ISO 4217 codes the widget takes: CNY, HKD, USD, EUR (2 decimals), JPY, KRW (0 decimals). */
export type Currency = 'CNY' | 'HKD' | 'USD' | 'EUR' | 'JPY' | 'KRW';

/**
 * The shopper's language. Other tags of the same language (`zh`, `en-US`, `ja-JP`) are accepted
 * too. English and Simplified Chinese are built in; the others load on demand.
 */
export type Locale = 'zh-CN' | 'zh-Hant' | 'zh-HK' | 'zh-TW' | 'en' | 'ja' | 'ko';

import type { TextKey } from './text-keys';
export type { TextKey };

/** Your own texts: by key for every language, or by language. Placeholders (`{amount}`) must stay. */
export type Translations = Partial<Record<TextKey, string>> | Partial<Record<Locale, Partial<Record<TextKey, string>>>>;

/** What the widget shows: pay later at checkout, the shopper's bills, or both. */
export type View = 'checkout' | 'bills' | 'both';

/** `light`, `dark`, or absent to follow the shopper's system. */
export type Theme = 'light' | 'dark';

/** A decimal amount as a string with the currency's digits: `"1299.00"` (CNY), `"500"` (JPY). */
export type DecimalString = string;

/** An exact amount of one currency, as every event carries it. */
export interface Money {
  amount: DecimalString;
  currency: Currency;
}

/** The options of `PayLater.mount` and `handle.update`. */
export interface PayLaterOptions {
  /** The order total as a decimal string (`"1299.00"`). Required for the checkout. */
  amount?: DecimalString;
  /** Default `CNY`. */
  currency?: Currency;
  /** Default: the page's `lang`, else `zh-CN`. */
  locale?: Locale;
  /** The merchant id the provider gave you. */
  merchantId?: string;
  /** Your own order id: your server captures by it. */
  orderId?: string;
  /** The provider's API origin; without it the demo build uses its in-page mock. */
  apiBaseUrl?: string;
  /** The shopper's session token from your server. Kept in memory only, never in the DOM. */
  sessionToken?: string;
  /** How long an API call may take, in ms. Default 15000. */
  timeoutMs?: number;
  /** Simulated latency of the demo's mock, in ms. */
  mockLatencyMs?: number;
  /** Default `checkout`. */
  view?: View;
  theme?: Theme;
  /** Override any text, e.g. `{ 'offer.title': 'Buy now, pay later' }` or `{ ja: { 'offer.title': '…' } }`. */
  translations?: Translations;
}

/** What `PayLater.mount` gives back. */
export interface PayLaterHandle {
  readonly element: HTMLElement;
  /** Changes options in place (an amount re-checks eligibility and keeps the plan). */
  update(options: PayLaterOptions): void;
  /** Removes the view, its state, its calls in flight and its observers. */
  unmount(): void;
}

export type PlanKind = 'pay_in_30_days' | 'installments_3' | 'installments_6' | 'installments_12';
export type OrderStatus = 'authorized' | 'captured' | 'cancelled' | 'expired';
export type IneligibleReason = 'score_too_low' | 'limit_too_low' | 'seriously_overdue' | 'currency_not_supported';
export type QuoteScope = 'next_installment' | 'settle';
export type PaymentMethodKind = 'bank_card' | 'balance' | 'money_market_fund';
export type BillStatus = 'overdue' | 'due_soon' | 'on_schedule' | 'settled' | 'refunded';
export type ErrorCode =
  | 'not_eligible'
  | 'limit_exceeded'
  | 'agreement_required'
  | 'insufficient_funds'
  | 'quote_expired'
  | 'nothing_to_repay'
  | 'idempotency_conflict'
  | 'invalid_request'
  | 'unauthorized'
  | 'not_found'
  | 'internal'
  | 'amount_mismatch'
  | 'invalid_state'
  | 'refund_exceeds_captured'
  | 'forbidden'
  | 'method_not_allowed';

/** `paylater:ready`: the widget is mounted (`invalid-options`: it shows a notice; the console says why). */
export interface ReadyDetail {
  status: 'ready' | 'invalid-options';
}

/** `paylater:planchange`: the shopper picked a plan. */
export interface PlanChangeDetail {
  plan: PlanKind;
  total: Money;
  fee: Money;
}

/**
 * `paylater:approved`: the order is authorized. Tell your server, which captures it with the
 * amount from its own cart. Never ship on the event alone: any script can dispatch one.
 */
export interface ApprovedDetail {
  authorization_id: string;
  order_id: string;
  merchant_id: string;
  plan: PlanKind;
  amount: Money;
  status: OrderStatus;
  /** RFC 3339: the authorization expires uncaptured then. */
  expires_at: string;
}

/** `paylater:declined`: the shopper is not eligible. */
export interface DeclinedDetail {
  order_id: string;
  reasons: IneligibleReason[];
  available_limit: Money;
}

/**
 * `paylater:error`: a call failed (the shopper reads it in words), or a module did not load
 * (`call: 'module'`, `kind: 'network'`) or crashed (`kind: 'crashed'`: its widgets show a notice
 * with Try again, which starts a fresh copy of it).
 */
export interface ErrorDetail {
  call: 'eligibility' | 'activation' | 'order' | 'module';
  kind: 'network' | 'timeout' | 'garbled' | 'problem' | 'http' | 'crashed';
  code: ErrorCode | null;
  message: string;
}

/** `paylater:close`: the shopper chose another payment method. */
export interface CloseDetail {
  reason: 'other_payment_method';
}

/** `paylater:repaid`: an early repayment went through. */
export interface RepaidDetail {
  repayment_id: string;
  receipt_number: string;
  bill_id: string;
  scope: QuoteScope;
  amount: Money;
  payment_method_kind: PaymentMethodKind;
  bill_status: BillStatus;
}

/** `paylater:sessionexpired`: renew the session and pass the new token (`handle.update({ sessionToken })`). */
export type SessionExpiredDetail = Record<string, never>;

/** Every event the widget sends, by name: they bubble from the host element and cross shadow roots. */
export interface PayLaterEventMap {
  'paylater:ready': CustomEvent<ReadyDetail>;
  'paylater:planchange': CustomEvent<PlanChangeDetail>;
  'paylater:approved': CustomEvent<ApprovedDetail>;
  'paylater:declined': CustomEvent<DeclinedDetail>;
  'paylater:error': CustomEvent<ErrorDetail>;
  'paylater:close': CustomEvent<CloseDetail>;
  'paylater:repaid': CustomEvent<RepaidDetail>;
  'paylater:sessionexpired': CustomEvent<SessionExpiredDetail>;
}

/** `<pay-later-checkout>`: mounts itself when connected, follows its attributes, unmounts when removed. */
export interface PayLaterCheckoutElement extends HTMLElement {}

/** The attributes of `<pay-later-checkout>` (for JSX and templates): the options, kebab-case, as strings. */
export interface PayLaterCheckoutAttributes {
  amount?: DecimalString;
  currency?: Currency;
  locale?: Locale;
  'merchant-id'?: string;
  'order-id'?: string;
  'api-base-url'?: string;
  'session-token'?: string;
  'timeout-ms'?: `${number}`;
  'mock-latency-ms'?: `${number}`;
  view?: View;
  theme?: Theme;
  /** JSON of a `Translations` object. */
  translations?: string;
}

export interface PayLaterApi {
  /** Mounts a widget in `element`; loads the module its view needs on first use. Throws a TypeError without an element. */
  mount(element: HTMLElement, options?: PayLaterOptions): PayLaterHandle;
  /** Unmounts the widget in `element`; whether there was one. */
  unmount(element: HTMLElement): boolean;
  /** Where the module files are, when this file was bundled away from them; call before the first mount. */
  configure(settings: { assetsUrl?: string | URL }): void;
  /** Loads the modules `view` needs ahead of a mount. */
  preload(view?: View): Promise<void>;
  /** How many widgets are mounted (a `view="both"` element has two). */
  liveWidgets(): number;
  /** WebAssembly memory of the modules loaded so far, in bytes. */
  memory(): { wasmBytes: number; modules: Partial<Record<'checkout' | 'account' | 'mock', number>> };
  /** Which modules the page has loaded. */
  loadedModules(): Array<'checkout' | 'account' | 'mock'>;
  /** Demo builds only: the demo page's stand-in for a merchant's server (refused in merchant builds). */
  demoMerchant: {
    request(method: 'GET' | 'POST' | 'PUT', path: string, body?: string, idempotencyKey?: string): Promise<{ status: number; body: string }>;
  };
}

export declare const PayLater: PayLaterApi;
export default PayLater;

declare global {
  interface HTMLElementTagNameMap {
    'pay-later-checkout': PayLaterCheckoutElement;
  }
  // The events bubble to the document and the window: typed listeners there too.
  interface HTMLElementEventMap extends PayLaterEventMap {}
  interface DocumentEventMap extends PayLaterEventMap {}
  interface WindowEventMap extends PayLaterEventMap {}
  // `globalThis.PayLater`, set when the script loads.
  // eslint-disable-next-line no-var
  var PayLater: PayLaterApi;
}

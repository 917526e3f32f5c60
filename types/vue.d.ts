// `<pay-later-checkout>` in Vue 3 templates: `import type {} from 'pay-later-widget/vue'` once (and
// tell the compiler it is a custom element: `isCustomElement: (tag) => tag === 'pay-later-checkout'`).
// Attributes are the widget's options, kebab-case strings; events as `@paylater:approved`.
import type { DefineComponent } from 'vue';
import type { PayLaterCheckoutAttributes, PayLaterEventMap } from 'pay-later-widget';

type PayLaterListeners = {
  [K in keyof PayLaterEventMap as `on${Capitalize<K>}`]?: (event: PayLaterEventMap[K]) => void;
};

declare module 'vue' {
  interface GlobalComponents {
    'pay-later-checkout': DefineComponent<PayLaterCheckoutAttributes & PayLaterListeners>;
  }
}

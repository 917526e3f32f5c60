// `<pay-later-checkout>` in React 19's JSX: `import type {} from 'pay-later-widget/react'` once.
// Attributes are the widget's options, kebab-case strings; listen to events through a ref.
import type { PayLaterCheckoutAttributes, PayLaterCheckoutElement } from 'pay-later-widget';
import type { DetailedHTMLProps, HTMLAttributes } from 'react';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'pay-later-checkout': DetailedHTMLProps<HTMLAttributes<PayLaterCheckoutElement>, PayLaterCheckoutElement> &
        PayLaterCheckoutAttributes;
    }
  }
}

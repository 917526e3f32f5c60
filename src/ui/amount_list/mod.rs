//! Named amounts as a description list: the name on the left, the amount on the right in tabular
//! figures, the total set apart. The schedule's totals and the repayment quote's breakdown.

use leptos::prelude::*;

use crate::context::tr;
use crate::i18n::Key;

/// The list; attributes given with `attr:` (e.g. `attr:data-testid`) go on its `<dl>`.
#[component]
pub fn AmountList(children: Children) -> impl IntoView {
    view! { <dl class="plw-amounts">{children()}</dl> }
}

/// One named amount; `children` are what the `<dd>` shows.
#[component]
pub fn AmountRow(
    label: Key,
    /// The total: bold, under a rule.
    #[prop(optional)]
    total: bool,
    /// `data-testid` of the amount.
    #[prop(optional)]
    testid: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class:plw-amounts__total=total>
            <dt>{tr(label)}</dt>
            <dd data-testid=testid>{children()}</dd>
        </div>
    }
}

//! A group of choices as native radios in cards (arrow keys move between them, a screen reader
//! hears a radio group with its legend): the plans, what to repay, how to pay.

use leptos::prelude::*;

/// The group: a fieldset with its legend; `disabled` locks every choice at once.
#[component]
pub fn RadioGroup(
    #[prop(into)] legend: Signal<String>,
    #[prop(into, optional)] disabled: Signal<bool>,
    /// Where focus lands when the group appears, if set.
    #[prop(optional)]
    node_ref: NodeRef<leptos::html::Div>,
    children: Children,
) -> impl IntoView {
    view! {
        <fieldset class="plw-plans" disabled=move || disabled.get()>
            <legend class="plw-plans__legend">{legend}</legend>
            <div class="plw-plans__options" node_ref=node_ref>
                {children()}
            </div>
        </fieldset>
    }
}

/// One choice: its radio, its name and an optional line under it.
#[component]
pub fn RadioCard(
    /// The radios' group name (one per group).
    group: &'static str,
    /// The input's value (tests and the merchant's scripts may read it).
    #[prop(into)]
    value: String,
    #[prop(into)] checked: Signal<bool>,
    /// Cannot be chosen (e.g. a method that cannot cover the amount).
    #[prop(optional)]
    unavailable: bool,
    on_select: Callback<()>,
    #[prop(into)] name: Signal<String>,
    #[prop(into, optional)] summary: Option<Signal<String>>,
) -> impl IntoView {
    view! {
        <label class="plw-plan-option" class:plw-plan-option--disabled=unavailable>
            <input
                type="radio"
                name=group
                value=value
                disabled=unavailable
                prop:checked=move || checked.get()
                on:change=move |_| on_select.run(())
            />
            <span class="plw-plan-option__text">
                <span class="plw-plan-option__name">{name}</span>
                {summary.map(|summary| view! { <span class="plw-plan-option__summary">{summary}</span> })}
            </span>
        </label>
    }
}

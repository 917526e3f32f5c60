//! A status as a small outlined label: the words carry the meaning, the colour only repeats it.

use leptos::prelude::*;

/// How a badge looks: a status class (`overdue`, `due-soon`, `paid`, …).
#[component]
pub fn Badge(
    /// The status modifier (see `badge.css`).
    tone: &'static str,
    #[prop(optional)] testid: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    view! {
        <span class=format!("plw-badge plw-badge--{tone}") data-testid=testid>
            {children()}
        </span>
    }
}

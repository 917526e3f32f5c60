//! The panel that says something happened (an order placed or confirmed, a repayment made): a
//! heading with a mark, focused when it appears (so a screen reader reads it), and the details.

use leptos::prelude::*;

/// How far it went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Done: a tick on green.
    Done,
    /// Placed, waiting for someone else: an ellipsis on amber.
    Waiting,
    /// Called off: a cross on grey.
    Closed,
}

impl Outcome {
    const fn mark(self) -> &'static str {
        match self {
            Outcome::Done => "✓",
            Outcome::Waiting => "…",
            Outcome::Closed => "×",
        }
    }

    const fn name(self) -> &'static str {
        match self {
            Outcome::Done => "done",
            Outcome::Waiting => "waiting",
            Outcome::Closed => "closed",
        }
    }
}

#[component]
pub fn SuccessPanel(
    #[prop(into)] heading: Signal<String>,
    #[prop(into)] outcome: Signal<Outcome>,
    /// Move focus to the heading when the panel appears.
    #[prop(optional)]
    focus: bool,
    #[prop(optional)] testid: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let heading_ref = NodeRef::<leptos::html::H3>::new();
    heading_ref.on_load(move |h| {
        if focus {
            let _ = h.focus();
        }
    });
    view! {
        <div class="plw-panel plw-confirmed" data-outcome=move || outcome.get().name() data-testid=testid>
            <h3 class="plw-confirmed__heading" tabindex="-1" node_ref=heading_ref>
                <span class="plw-confirmed__tick" aria-hidden="true">
                    {move || outcome.get().mark()}
                </span>
                {heading}
            </h3>
            {children()}
        </div>
    }
}

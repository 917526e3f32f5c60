//! What the shopper chose, one signal each (read and written field by field by the checkout's
//! parts). Plain signals rather than a store: four fields need no store's machinery (issue 22).

use leptos::prelude::*;
use paylater_core::api::PlanKind;

#[derive(Clone, Copy)]
pub struct Choices {
    /// Pay later was chosen (eligibility is checked).
    pub pay_later: RwSignal<bool>,
    /// The plan the shopper picked (the first plan on offer until they pick).
    pub plan: RwSignal<Option<PlanKind>>,
    /// The service agreement's checkbox.
    pub accepted: RwSignal<bool>,
    /// Confirm was pressed without accepting.
    pub show_accept_error: RwSignal<bool>,
}

impl Choices {
    /// Nothing chosen yet, but perhaps pay later itself (handed over by the offer module).
    pub fn new(pay_later: bool) -> Choices {
        Choices {
            pay_later: RwSignal::new(pay_later),
            plan: RwSignal::new(None),
            accepted: RwSignal::new(false),
            show_accept_error: RwSignal::new(false),
        }
    }
}

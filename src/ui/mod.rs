//! Shared building blocks of the widget's views, apart from the features that use them: each owns
//! its markup and its CSS (so no feature borrows another's classes, and the order of the
//! stylesheets does not matter).

pub mod amount_list;
pub mod async_view;
pub mod badge;
pub mod installment_table;
pub mod modal;
pub mod notice;
pub mod radio_card;
pub mod show_more;
pub mod success_panel;

/// The stylesheets of the building blocks.
pub const STYLES: &[&str] = &[
    include_str!("amount_list/amount_list.css"),
    include_str!("async_view/async_view.css"),
    include_str!("badge/badge.css"),
    include_str!("installment_table/installment_table.css"),
    include_str!("modal/modal.css"),
    include_str!("notice/notice.css"),
    include_str!("radio_card/radio_card.css"),
    include_str!("show_more/show_more.css"),
    include_str!("success_panel/success_panel.css"),
];

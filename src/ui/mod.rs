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
    css!("src/ui/amount_list/amount_list.css"),
    css!("src/ui/async_view/async_view.css"),
    css!("src/ui/badge/badge.css"),
    css!("src/ui/installment_table/installment_table.css"),
    css!("src/ui/modal/modal.css"),
    css!("src/ui/notice/notice.css"),
    css!("src/ui/radio_card/radio_card.css"),
    css!("src/ui/show_more/show_more.css"),
    css!("src/ui/success_panel/success_panel.css"),
];

//! The widget's components, one folder each with its CSS beside it.

pub mod checkout_offer;
pub mod notice;
pub mod widget;

/// The widget's stylesheet: the base tokens, then each component's CSS.
pub const STYLES: &[&str] = &[
    include_str!("../../style/widget.css"),
    include_str!("checkout_offer/checkout_offer.css"),
    include_str!("notice/notice.css"),
];

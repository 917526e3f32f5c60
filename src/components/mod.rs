//! The widget's components, one folder each with its CSS beside it.

pub mod agreement;
pub mod checkout;
pub mod decline;
pub mod notice;
pub mod plan_picker;
pub mod widget;

/// The widget's stylesheet: the base tokens, then each component's CSS.
pub const STYLES: &[&str] = &[
    include_str!("../../style/widget.css"),
    include_str!("checkout/checkout.css"),
    include_str!("plan_picker/plan_picker.css"),
    include_str!("agreement/agreement.css"),
    include_str!("decline/decline.css"),
    include_str!("notice/notice.css"),
];

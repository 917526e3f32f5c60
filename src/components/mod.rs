//! The widget's components, one folder each with its CSS beside it.

pub mod agreement;
pub mod bill_detail;
pub mod bills;
pub mod checkout;
pub mod credit_summary;
pub mod decline;
pub mod notice;
pub mod order_status;
pub mod pending_orders;
pub mod plan_picker;
pub mod records;
pub mod refunds;
pub mod repay_dialog;
pub mod show_more;
pub mod widget;

/// The widget's stylesheet: the base tokens, then each component's CSS.
pub const STYLES: &[&str] = &[
    include_str!("../../style/widget.css"),
    include_str!("checkout/checkout.css"),
    include_str!("plan_picker/plan_picker.css"),
    include_str!("agreement/agreement.css"),
    include_str!("decline/decline.css"),
    include_str!("notice/notice.css"),
    include_str!("bills/bills.css"),
    include_str!("credit_summary/credit_summary.css"),
    include_str!("records/records.css"),
    include_str!("pending_orders/pending_orders.css"),
    include_str!("repay_dialog/repay_dialog.css"),
    include_str!("show_more/show_more.css"),
];

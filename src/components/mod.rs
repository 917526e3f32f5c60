//! The widget's features, each a folder: `checkout` (pay later at checkout), `account` (bills,
//! pending orders, records, refunds), `repay_dialog` (early repayment), under `widget` (one per host
//! element). They are built from the shared pieces in [`crate::ui`] and the hooks in
//! [`crate::hooks`].

pub mod account;
pub mod checkout;
pub mod repay_dialog;
pub mod widget;

/// The widget's stylesheet, in any order: the base tokens, the shared pieces, then each feature.
pub fn styles() -> String {
    let base = [include_str!("../../style/widget.css")];
    base.iter()
        .chain(crate::ui::STYLES)
        .chain(checkout::STYLES)
        .chain(account::STYLES)
        .chain(repay_dialog::STYLES)
        .copied()
        .collect()
}

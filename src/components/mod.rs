//! The widget's features, each a folder: `checkout` (pay later at checkout), `account` (bills,
//! pending orders, records, refunds), `repay_dialog` (early repayment), under `widget` (one per host
//! element). They are built from the shared pieces in [`crate::ui`] and the hooks in
//! [`crate::hooks`].

#[cfg(feature = "account")]
pub mod account;
#[cfg(feature = "checkout")]
pub mod checkout;
#[cfg(feature = "offer")]
pub mod offer;
#[cfg(feature = "account")]
pub mod repay_dialog;
pub mod widget;

/// The widget's stylesheet, in any order: the base tokens, the shared pieces, then each feature.
pub fn styles() -> String {
    let base: &[&str] = &[css!("style/widget.css")];
    #[cfg(feature = "offer")]
    let offer: &[&str] = offer::STYLES;
    #[cfg(not(feature = "offer"))]
    let offer: &[&str] = &[];
    #[cfg(feature = "checkout")]
    let checkout: &[&str] = checkout::STYLES;
    #[cfg(not(feature = "checkout"))]
    let checkout: &[&str] = &[];
    #[cfg(feature = "account")]
    let account: &[&[&str]] = &[account::STYLES, repay_dialog::STYLES];
    #[cfg(not(feature = "account"))]
    let account: &[&[&str]] = &[];
    base.iter()
        .chain(crate::ui::STYLES)
        .chain(offer)
        .chain(checkout)
        .chain(account.iter().copied().flatten())
        .copied()
        .collect()
}

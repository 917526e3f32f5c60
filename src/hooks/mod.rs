//! The widget's hooks, in leptos-use's shape: options in, a struct of signals and callbacks out.
//! They hold the behaviour the features share; the features only arrange views around them.

pub mod follow_order;
pub mod paged_list;
pub mod read;
pub mod scoped;
pub mod verified_write;

//! `use_read`: an answer a view shows, read again whenever what it asks for changes (the signals
//! its `request` closure reads: the options, a renewed session, the connection back) or when asked
//! (`refetch`); an answer to an older request is never shown over a newer one, and the last answer
//! stays shown while a new one is on its way. A read still on its way when a newer one starts, or
//! when its view goes away, is dropped and its HTTP request aborted (crate::hooks::scoped).
//! `LocalResource`'s job for the widget's reads, with less machinery per read: no suspense or
//! transitions, which the widget does not use, so each module carries a few hundred bytes per read
//! instead of several kilobytes (issue 22).

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use leptos::prelude::*;
use leptos::reactive::effect::ImmediateEffect;
use paylater_core::api::PaymentMethodList;
use paylater_core::client::ClientError;
use send_wrapper::SendWrapper;

pub struct UseReadReturn<T: 'static> {
    /// `None` until the first answer, then the latest.
    pub value: ReadSignal<Option<T>, LocalStorage>,
    /// Reads again (Try again).
    pub refetch: Trigger,
}

impl<T> Clone for UseReadReturn<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for UseReadReturn<T> {}

pub fn use_read<R, T, Fut>(request: impl Fn() -> R + 'static, fetch: impl Fn(R) -> Fut + 'static) -> UseReadReturn<T>
where
    T: 'static,
    Fut: Future<Output = T> + 'static,
{
    let (value, set_value) = signal_local(None::<T>);
    let refetch = Trigger::new();
    let latest = Rc::new(Cell::new(0u32));
    // The page has one thread: the wrapper only satisfies the effect's bounds.
    let run = SendWrapper::new(move || {
        refetch.track();
        let mut answer = Box::pin(fetch(request()));
        let number = latest.get().wrapping_add(1);
        latest.set(number);
        // An answer already at hand (one another module received) is shown in the same render,
        // not a tick later: the future is polled once here, and only awaited if it is not ready.
        if let Poll::Ready(answer) = answer.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            let _ = set_value.try_set(Some(answer));
            return;
        }
        let latest = latest.clone();
        // Dropped (its request aborted) when a newer request starts or the view goes away.
        super::scoped::spawn_scoped(async move {
            let answer = answer.await;
            if latest.get() == number {
                // The view may be gone meanwhile: then nothing is set.
                let _ = set_value.try_set(Some(answer));
            }
        });
    });
    // Immediate, as a resource is: the first read starts as the view is made, not a tick later,
    // and a change starts the next at once. Ends with the view.
    ImmediateEffect::new_scoped(move || (*run)());
    UseReadReturn { value, refetch }
}

/// The shopper's payment methods, read once for the view that shows them (the repayment dialog,
/// autopay's settings).
pub fn use_payment_methods() -> UseReadReturn<Result<PaymentMethodList, ClientError>> {
    let client = crate::context::use_api();
    use_read(
        || (),
        move |()| {
            let client = client.clone();
            async move { client.payment_methods().await }
        },
    )
}

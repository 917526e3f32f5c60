//! `spawn_scoped`: a task that ends with what started it. When the current reactive owner is
//! cleaned up (the view that asked goes away, or the effect that started the task runs again for a
//! newer request), the task's future is dropped, and a call's future dropped aborts its HTTP
//! request (crate::api::http), as Leptos's hackernews example aborts on cleanup. Used for reads
//! only: the verified write (a payment, an order) and the order it follows run to their end.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use leptos::prelude::on_cleanup;
use send_wrapper::SendWrapper;

type Task = Pin<Box<dyn Future<Output = ()>>>;

/// The task and whether its owner has gone.
struct Slot {
    task: RefCell<Option<Task>>,
    cancelled: Cell<bool>,
    waker: RefCell<Option<Waker>>,
}

/// Runs `future` on the page's executor until it ends or the current owner is cleaned up.
pub fn spawn_scoped(future: impl Future<Output = ()> + 'static) {
    // Boxed here, the rest once for every kind of future (the module carries one copy).
    spawn_task(Box::pin(future));
}

fn spawn_task(task: Task) {
    let slot = Rc::new(Slot { task: RefCell::new(Some(task)), cancelled: Cell::new(false), waker: RefCell::new(None) });
    let on_drop = SendWrapper::new(slot.clone());
    on_cleanup(move || {
        on_drop.cancelled.set(true);
        // Not while the task is being polled (a signal it set may clean its owner up): the poll
        // drops it on its way out then.
        if let Ok(mut task) = on_drop.task.try_borrow_mut() {
            task.take();
        }
        if let Some(waker) = on_drop.waker.take() {
            waker.wake();
        }
    });
    leptos::task::spawn_local(Scoped(slot));
}

struct Scoped(Rc<Slot>);

impl Future for Scoped {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let slot = &self.0;
        let mut task = slot.task.borrow_mut();
        let done = match task.as_mut() {
            Some(future) if !slot.cancelled.get() => future.as_mut().poll(cx).is_ready(),
            _ => true,
        };
        if done || slot.cancelled.get() {
            task.take();
            return Poll::Ready(());
        }
        *slot.waker.borrow_mut() = Some(cx.waker().clone());
        Poll::Pending
    }
}

//! `use_verified_write`: "never pay twice" for any call that creates an order or moves money,
//! as the shopper meets it. The logic is the core's ([`paylater_core::client::verified`]: one key
//! per request, replay then look up, unconfirmed); this hook gives it signals:
//!
//! * `submit(request)` sends it (a retry of the same request reuses its key; while the last write
//!   is unconfirmed it sends that one again, whatever is asked);
//! * `state`: idle, sending, verifying (the answer did not arrive: replaying and looking it up),
//!   unconfirmed (only "Check again"), refused (nothing happened), done;
//! * `locked`: the choices that make the request cannot change (sending, verifying, unconfirmed);
//! * `busy_label`: what the button says while it is not the idle action.

use leptos::prelude::*;
use paylater_core::api::IdempotencyKey;
use paylater_core::client::ClientError;
use paylater_core::client::verified::{Keys, WriteChannel, WriteOutcome, verified_write};

use crate::i18n::Key;
use crate::idempotency::new_key;

/// Where a write stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteState {
    Idle,
    Sending,
    /// The answer did not arrive: replaying with the same key, then looking the result up.
    Verifying,
    /// Still unknown: it may have happened. Only the same request may be sent again.
    Unconfirmed,
    /// The API answered that it did not happen.
    Refused,
    Done,
}

/// The button's words for the states that are not idle.
#[derive(Clone, Copy, Debug)]
pub struct WriteLabels {
    pub sending: Key,
    pub verifying: Key,
    pub check_again: Key,
}

pub struct UseVerifiedWriteOptions<C> {
    pub channel: C,
    pub labels: WriteLabels,
}

pub struct UseVerifiedWriteReturn<R: Send + Sync + 'static, A: Send + Sync + 'static> {
    pub submit: Callback<R>,
    /// "Check again": sends the last request again, with its key.
    pub retry: Callback<()>,
    pub state: Signal<WriteState>,
    /// The last outcome, once there is one.
    pub outcome: Signal<Option<WriteOutcome<A>>>,
    /// The error of a refused or unconfirmed write.
    pub error: Signal<Option<ClientError>>,
    pub locked: Signal<bool>,
    pub busy_label: Signal<Option<Key>>,
}

impl<R: Send + Sync, A: Send + Sync> Clone for UseVerifiedWriteReturn<R, A> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R: Send + Sync, A: Send + Sync> Copy for UseVerifiedWriteReturn<R, A> {}

pub fn use_verified_write<C>(options: UseVerifiedWriteOptions<C>) -> UseVerifiedWriteReturn<C::Request, C::Answer>
where
    C: WriteChannel + Clone + 'static,
    C::Request: Clone + PartialEq + Send + Sync + 'static,
    C::Answer: Clone + Send + Sync + 'static,
{
    let UseVerifiedWriteOptions { channel, labels } = options;
    let keys = StoredValue::new(Keys::<C::Request>::default());
    let verifying = RwSignal::new(false);
    // What `Action` would do, with less machinery per write (issue 22): one write in flight, its
    // outcome kept until the next.
    let pending = RwSignal::new(false);
    let value = RwSignal::new(None::<WriteOutcome<C::Answer>>);
    let channel = StoredValue::new_local(channel);
    let send = move |(request, key): (C::Request, IdempotencyKey)| {
        pending.set(true);
        let channel = channel.get_value();
        leptos::task::spawn_local(async move {
            let outcome = verified_write(&channel, &key, &request, || {
                verifying.try_set(true);
            })
            .await;
            verifying.try_set(false);
            value.try_set(Some(outcome));
            pending.try_set(false);
        });
    };
    let state = Memo::new(move |_| {
        if pending.get() {
            return if verifying.get() { WriteState::Verifying } else { WriteState::Sending };
        }
        match value.get() {
            None => WriteState::Idle,
            Some(WriteOutcome::Done(_)) => WriteState::Done,
            Some(WriteOutcome::Refused(_)) => WriteState::Refused,
            Some(WriteOutcome::Unconfirmed(_)) => WriteState::Unconfirmed,
        }
    });
    let submit = Callback::new(move |wanted: C::Request| {
        if pending.get_untracked() {
            return; // a double click: the write in flight answers for both
        }
        let unconfirmed = state.get_untracked() == WriteState::Unconfirmed;
        if let Some(next) = keys.try_update_value(|k| k.next(wanted, unconfirmed, new_key)) {
            send(next);
        }
    });
    let retry = Callback::new(move |_: ()| {
        if let Some(sent) = keys.with_value(|k| k.sent().cloned())
            && !pending.get_untracked()
        {
            send(sent);
        }
    });
    UseVerifiedWriteReturn {
        submit,
        retry,
        state: state.into(),
        outcome: Signal::derive(move || value.get()),
        error: Signal::derive(move || match value.get() {
            Some(WriteOutcome::Refused(e) | WriteOutcome::Unconfirmed(e)) if !pending.get() => Some(e),
            _ => None,
        }),
        locked: Signal::derive(move || {
            matches!(state.get(), WriteState::Sending | WriteState::Verifying | WriteState::Unconfirmed)
        }),
        busy_label: Signal::derive(move || match state.get() {
            WriteState::Sending => Some(labels.sending),
            WriteState::Verifying => Some(labels.verifying),
            WriteState::Unconfirmed => Some(labels.check_again),
            _ => None,
        }),
    }
}

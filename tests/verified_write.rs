//! The `use_verified_write` hook's signals over a scripted channel, in the browser: what the
//! shopper's button and choices follow while a write is sent, verified, unconfirmed, checked
//! again, refused or done. (The decisions themselves are the core's, tested natively path by path
//! in `paylater_core::client::verified`.)
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use std::time::Duration;

use any_spawner::Executor;
use gloo_timers::future::sleep;
use leptos::prelude::*;
use leptos::task::tick;
use pay_later_widget::hooks::verified_write::{
    UseVerifiedWriteOptions, UseVerifiedWriteReturn, WriteLabels, WriteState, use_verified_write,
};
use pay_later_widget::i18n::Key;
use paylater_core::api::{ErrorCode, IdempotencyKey, Problem};
use paylater_core::client::ClientError;
use paylater_core::client::verified::{WriteChannel, WriteOutcome};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Answers each call with the next scripted answer (no answer left: a timeout), after a short
/// wait so that the states in between can be seen; records what was sent with which key.
#[derive(Clone, Default)]
struct Script {
    answers: Rc<RefCell<VecDeque<Result<String, ClientError>>>>,
    found: Rc<RefCell<Option<String>>>,
    sent: Rc<RefCell<Vec<(String, String)>>>,
}

impl Script {
    fn answer(&self, answers: impl IntoIterator<Item = Result<&'static str, ClientError>>) {
        self.answers.borrow_mut().extend(answers.into_iter().map(|a| a.map(str::to_owned)));
    }
}

impl WriteChannel for Script {
    type Request = String;
    type Answer = String;

    async fn send(&self, key: &IdempotencyKey, request: &String) -> Result<String, ClientError> {
        sleep(Duration::from_millis(40)).await;
        self.sent.borrow_mut().push((request.clone(), key.to_string()));
        self.answers.borrow_mut().pop_front().unwrap_or(Err(ClientError::Timeout))
    }

    async fn look_up(&self, _: &String) -> Option<String> {
        sleep(Duration::from_millis(40)).await;
        self.found.borrow_mut().take()
    }
}

const LABELS: WriteLabels =
    WriteLabels { sending: Key::RepayPaying, verifying: Key::RepayVerifying, check_again: Key::RepayCheckAgain };

fn hook(script: &Script) -> (Owner, UseVerifiedWriteReturn<String, String>) {
    let _ = Executor::init_wasm_bindgen();
    let owner = Owner::new();
    let write = owner.with(|| use_verified_write(UseVerifiedWriteOptions { channel: script.clone(), labels: LABELS }));
    (owner, write)
}

/// Waits until the write is in `wanted`, noting every state it passes through.
async fn wait_for(write: &UseVerifiedWriteReturn<String, String>, wanted: WriteState, seen: &mut Vec<WriteState>) {
    for _ in 0..200 {
        tick().await;
        let now = write.state.get_untracked();
        if seen.last() != Some(&now) {
            seen.push(now);
        }
        if now == wanted {
            return;
        }
        sleep(Duration::from_millis(5)).await;
    }
    panic!("the write stayed {:?}, wanted {wanted:?} (went through {seen:?})", write.state.get_untracked());
}

fn conflict() -> ClientError {
    ClientError::Problem(Problem {
        problem_type: "about:blank".into(),
        title: "Conflict".into(),
        status: 409,
        detail: "the quote has expired".into(),
        code: ErrorCode::QuoteExpired,
    })
}

#[wasm_bindgen_test]
async fn unanswered_twice_is_unconfirmed_locked_and_only_checked_again_with_the_same_key() {
    let script = Script::default();
    let (_owner, write) = hook(&script);
    let mut seen = vec![];
    assert_eq!((write.state.get_untracked(), write.locked.get_untracked()), (WriteState::Idle, false));
    write.submit.run("order A".into());
    write.submit.run("order A".into()); // a double click
    tick().await;
    assert_eq!(write.state.get_untracked(), WriteState::Sending);
    assert!(write.locked.get_untracked(), "the choices are locked while sending");
    assert_eq!(write.busy_label.get_untracked(), Some(Key::RepayPaying));
    wait_for(&write, WriteState::Verifying, &mut seen).await;
    assert_eq!(write.busy_label.get_untracked(), Some(Key::RepayVerifying));
    wait_for(&write, WriteState::Unconfirmed, &mut seen).await;
    assert_eq!(seen, [WriteState::Sending, WriteState::Verifying, WriteState::Unconfirmed]);
    assert_eq!(write.error.get_untracked(), Some(ClientError::Timeout), "the first call's error");
    assert!(write.locked.get_untracked(), "nothing else may be chosen");
    assert_eq!(write.busy_label.get_untracked(), Some(Key::RepayCheckAgain));
    let sent = script.sent.borrow().clone();
    assert_eq!(sent.len(), 2, "the call and one replay, the double click sent nothing: {sent:?}");
    assert_eq!(sent[0], sent[1], "the replay is the same request with the same key");

    // Asking for another request while unconfirmed sends the first one again, with its key.
    script.answer([Ok("receipt 1")]);
    write.submit.run("order B".into());
    wait_for(&write, WriteState::Done, &mut seen).await;
    assert_eq!(script.sent.borrow()[2], sent[0]);
    assert_eq!(write.outcome.get_untracked(), Some(WriteOutcome::Done("receipt 1".to_owned())));
    assert_eq!((write.locked.get_untracked(), write.busy_label.get_untracked()), (false, None));
}

#[wasm_bindgen_test]
async fn unanswered_then_found_by_lookup_is_done() {
    let script = Script::default();
    *script.found.borrow_mut() = Some("receipt found".into());
    let (_owner, write) = hook(&script);
    let mut seen = vec![];
    write.submit.run("order A".into());
    wait_for(&write, WriteState::Done, &mut seen).await;
    assert!(seen.contains(&WriteState::Verifying), "{seen:?}");
    assert_eq!(write.outcome.get_untracked(), Some(WriteOutcome::Done("receipt found".to_owned())));
    assert_eq!(script.sent.borrow().len(), 2);
}

#[wasm_bindgen_test]
async fn check_again_sends_the_same_request_with_the_same_key() {
    let script = Script::default();
    let (_owner, write) = hook(&script);
    let mut seen = vec![];
    write.submit.run("order A".into());
    wait_for(&write, WriteState::Unconfirmed, &mut seen).await;
    script.answer([Ok("receipt 2")]);
    write.retry.run(());
    wait_for(&write, WriteState::Done, &mut seen).await;
    let sent = script.sent.borrow().clone();
    assert_eq!(sent.len(), 3);
    assert!(sent.iter().all(|s| *s == sent[0]), "{sent:?}");
}

#[wasm_bindgen_test]
async fn a_refusal_unlocks_and_a_changed_request_gets_a_new_key() {
    let script = Script::default();
    script.answer([Err(conflict())]);
    let (_owner, write) = hook(&script);
    let mut seen = vec![];
    write.submit.run("order A".into());
    wait_for(&write, WriteState::Refused, &mut seen).await;
    assert_eq!(write.error.get_untracked().and_then(|e| e.code()), Some(ErrorCode::QuoteExpired));
    assert!(!write.locked.get_untracked(), "the shopper may change the request");
    assert_eq!(script.sent.borrow().len(), 1, "a refusal is not replayed");
    script.answer([Ok("receipt 3")]);
    write.submit.run("order A with a new quote".into());
    wait_for(&write, WriteState::Done, &mut seen).await;
    let sent = script.sent.borrow().clone();
    assert_eq!(sent[1].0, "order A with a new quote");
    assert_ne!(sent[1].1, sent[0].1, "a new request, a new key");
}

//! "Never pay twice": how a call that creates an order or moves money is sent, so that its outcome
//! is always known, or honestly unknown.
//!
//! 1. **One key per request** ([`Keys`]): the same request keeps its `Idempotency-Key` across a
//!    double click or a retry; a changed request gets a new key; once a write is unconfirmed, only
//!    that request, with that key, may be sent again.
//! 2. **Replay, then look up** ([`verified_write`]): an answer that did not arrive (a timeout, a
//!    dropped connection, an unreadable answer, a 5xx without a body) may hide a write that
//!    happened. The write is sent once more with the same key (the API answers a repeat with the
//!    first result and never applies it twice); if that goes unanswered too, its result is looked
//!    for ([`WriteChannel::look_up`], page by page to the end, within a bound: [`find_in_pages`]).
//! 3. **Unconfirmed** if it still cannot tell: the caller offers only "Check again" (the same
//!    request, the same key).
//!
//! Pure and generic over the channel, so the widget's orders and repayments share it and native
//! tests drive every path with a scripted channel.

use core::future::Future;

use super::ClientError;
use crate::api::{ErrorCode, PageRequest};
use crate::ids::IdempotencyKey;

/// How one kind of write travels: its call, and where to find its result.
pub trait WriteChannel {
    type Request;
    type Answer;

    /// Sends the write with `key`.
    fn send(
        &self,
        key: &IdempotencyKey,
        request: &Self::Request,
    ) -> impl Future<Output = Result<Self::Answer, ClientError>>;

    /// Looks for the write's result (it happened, but neither answer arrived): `None` when it
    /// cannot be found, or the lookup itself fails.
    fn look_up(&self, request: &Self::Request) -> impl Future<Output = Option<Self::Answer>>;
}

/// How a write ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WriteOutcome<T> {
    /// It happened: the API's answer (to the first call or the replay), or its result found.
    Done(T),
    /// The API answered that it was not done (a refusal): nothing moved, sending it again is safe.
    Refused(ClientError),
    /// No answer, even to the replay, and its result not found: it may have happened. The error
    /// is the first call's.
    Unconfirmed(ClientError),
}

/// Whether an answer to a replay says nothing about the first call: a replay refused because the
/// session expired, or by a failing server, does not tell whether the first call was applied.
fn says_nothing(error: &ClientError) -> bool {
    error.outcome_unknown() || error.code() == Some(ErrorCode::Unauthorized) || error.retryable()
}

/// Sends `request` with `key` through `channel`: replays it once with the same key when the answer
/// does not arrive (calling `on_verifying` first, so the shopper reads that it is being checked),
/// then looks its result up.
pub async fn verified_write<C: WriteChannel>(
    channel: &C,
    key: &IdempotencyKey,
    request: &C::Request,
    mut on_verifying: impl FnMut(),
) -> WriteOutcome<C::Answer> {
    let first = match channel.send(key, request).await {
        Ok(answer) => return WriteOutcome::Done(answer),
        Err(e) if e.outcome_unknown() => e,
        Err(e) => return WriteOutcome::Refused(e),
    };
    on_verifying();
    match channel.send(key, request).await {
        Ok(answer) => return WriteOutcome::Done(answer),
        Err(e) if says_nothing(&e) => {}
        // The replay was answered: the API found no earlier result under this key and refused.
        Err(e) => return WriteOutcome::Refused(e),
    }
    match channel.look_up(request).await {
        Some(answer) => WriteOutcome::Done(answer),
        None => WriteOutcome::Unconfirmed(first),
    }
}

/// The key of the last request sent, so that a retry of the same request reuses it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keys<R> {
    sent: Option<(R, IdempotencyKey)>,
}

impl<R> Default for Keys<R> {
    fn default() -> Self {
        Keys { sent: None }
    }
}

impl<R: Clone + PartialEq> Keys<R> {
    /// What to send for `wanted`: while the last write is `unconfirmed`, the request already sent
    /// with its key (whatever is wanted now: no second write may start); the same request as last
    /// time keeps its key; another request gets a new key from `new_key`.
    pub fn next(
        &mut self,
        wanted: R,
        unconfirmed: bool,
        new_key: impl FnOnce() -> IdempotencyKey,
    ) -> (R, IdempotencyKey) {
        match &self.sent {
            Some((sent, key)) if unconfirmed || *sent == wanted => (sent.clone(), key.clone()),
            _ => {
                let key = new_key();
                self.sent = Some((wanted.clone(), key.clone()));
                (wanted, key)
            }
        }
    }

    /// The last request sent and its key.
    pub fn sent(&self) -> Option<&(R, IdempotencyKey)> {
        self.sent.as_ref()
    }
}

/// The most pages a lookup reads (with [`PageRequest::MAX_LIMIT`] items each: 10,000 items).
pub const LOOKUP_PAGES: usize = 50;

/// Looks for the first item `matches` accepts, reading `page` after page to the last one (at most
/// `max_pages`); `None` if none matches, or a page cannot be read.
pub async fn find_in_pages<T, Fut>(
    mut page: impl FnMut(PageRequest) -> Fut,
    mut matches: impl FnMut(&T) -> bool,
    max_pages: usize,
) -> Option<T>
where
    Fut: Future<Output = Result<(Vec<T>, Option<String>), ClientError>>,
{
    let mut request = PageRequest::first(PageRequest::MAX_LIMIT);
    for _ in 0..max_pages {
        let (items, next) = page(request).await.ok()?;
        if let Some(found) = items.into_iter().find(|item| matches(item)) {
            return Some(found);
        }
        request = PageRequest::after(PageRequest::MAX_LIMIT, &next?);
    }
    None
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::collections::VecDeque;
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    use super::*;
    use crate::api::Problem;

    /// Runs a future whose every await is ready (the scripted channel's are).
    fn run<F: Future>(future: F) -> F::Output {
        let mut future = pin!(future);
        let mut context = Context::from_waker(Waker::noop());
        loop {
            if let Poll::Ready(out) = future.as_mut().poll(&mut context) {
                return out;
            }
        }
    }

    /// Answers each send with the next scripted result, and records the keys it was sent with.
    struct Script {
        answers: RefCell<VecDeque<Result<&'static str, ClientError>>>,
        found: Option<&'static str>,
        keys: RefCell<Vec<String>>,
        lookups: RefCell<u32>,
    }

    impl Script {
        fn new(answers: Vec<Result<&'static str, ClientError>>, found: Option<&'static str>) -> Script {
            Script { answers: RefCell::new(answers.into()), found, keys: RefCell::default(), lookups: RefCell::new(0) }
        }
    }

    impl WriteChannel for Script {
        type Request = &'static str;
        type Answer = &'static str;

        async fn send(&self, key: &IdempotencyKey, _: &&'static str) -> Result<&'static str, ClientError> {
            self.keys.borrow_mut().push(key.to_string());
            self.answers.borrow_mut().pop_front().unwrap_or(Err(ClientError::Timeout))
        }

        async fn look_up(&self, _: &&'static str) -> Option<&'static str> {
            *self.lookups.borrow_mut() += 1;
            self.found
        }
    }

    fn problem(code: ErrorCode) -> ClientError {
        ClientError::Problem(Problem::new(code, "t", "d"))
    }

    /// Runs a write; its outcome, whether "verifying" was said, the keys sent, the lookups made.
    fn write(script: &Script) -> (WriteOutcome<&'static str>, bool, Vec<String>, u32) {
        let mut verifying = false;
        let outcome = run(verified_write(script, &"k-1".into(), &"order", || verifying = true));
        (outcome, verifying, script.keys.borrow().clone(), *script.lookups.borrow())
    }

    #[test]
    fn an_answer_is_the_outcome_at_once() {
        let (outcome, verifying, keys, lookups) = write(&Script::new(vec![Ok("placed")], None));
        assert_eq!((outcome, verifying, keys.len(), lookups), (WriteOutcome::Done("placed"), false, 1, 0));
    }

    #[test]
    fn a_refusal_is_final_and_not_replayed() {
        let (outcome, verifying, keys, _) = write(&Script::new(vec![Err(problem(ErrorCode::LimitExceeded))], None));
        assert_eq!(outcome, WriteOutcome::Refused(problem(ErrorCode::LimitExceeded)));
        assert!(!verifying);
        assert_eq!(keys.len(), 1);
    }

    #[test]
    fn no_answer_then_the_replay_answers_with_the_same_key() {
        let script = Script::new(vec![Err(ClientError::Timeout), Ok("placed")], None);
        let (outcome, verifying, keys, lookups) = write(&script);
        assert_eq!((outcome, verifying, lookups), (WriteOutcome::Done("placed"), true, 0));
        assert_eq!(keys, ["k-1", "k-1"], "the replay carries the same key");
    }

    #[test]
    fn no_answer_twice_then_the_result_is_found_by_lookup() {
        let script =
            Script::new(vec![Err(ClientError::Network("reset".into())), Err(ClientError::Timeout)], Some("found"));
        let (outcome, verifying, _, lookups) = write(&script);
        assert_eq!((outcome, verifying, lookups), (WriteOutcome::Done("found"), true, 1));
    }

    #[test]
    fn no_answer_twice_and_not_found_is_unconfirmed_with_the_first_error() {
        let first = ClientError::Garbled { status: 200, detail: "truncated".into() };
        let script = Script::new(vec![Err(first.clone()), Err(ClientError::Timeout)], None);
        let (outcome, verifying, keys, lookups) = write(&script);
        assert_eq!((outcome, verifying, keys.len(), lookups), (WriteOutcome::Unconfirmed(first), true, 2, 1));
    }

    #[test]
    fn a_replay_refused_on_its_merits_means_the_first_call_did_nothing() {
        let script = Script::new(vec![Err(ClientError::Timeout), Err(problem(ErrorCode::NotEligible))], Some("found"));
        let (outcome, _, _, lookups) = write(&script);
        assert_eq!((outcome, lookups), (WriteOutcome::Refused(problem(ErrorCode::NotEligible)), 0));
    }

    #[test]
    fn a_replay_refused_for_the_session_or_by_the_server_says_nothing_so_it_is_looked_up() {
        for replay in
            [problem(ErrorCode::Unauthorized), problem(ErrorCode::Internal), ClientError::Http { status: 503 }]
        {
            let script = Script::new(vec![Err(ClientError::Timeout), Err(replay.clone())], None);
            let (outcome, _, _, lookups) = write(&script);
            assert_eq!((outcome, lookups), (WriteOutcome::Unconfirmed(ClientError::Timeout), 1), "{replay}");
        }
    }

    #[test]
    fn keys_follow_the_request_and_an_unconfirmed_write_is_only_sent_again() {
        let mut keys = Keys::default();
        let mut n = 0;
        let mut fresh = || {
            n += 1;
            IdempotencyKey::from(format!("key-{n}"))
        };
        assert_eq!(keys.next("a", false, &mut fresh), ("a", "key-1".into()));
        assert_eq!(keys.next("a", false, &mut fresh), ("a", "key-1".into()), "a double click or retry");
        assert_eq!(keys.next("b", false, &mut fresh), ("b", "key-2".into()), "a changed request");
        assert_eq!(keys.next("c", true, &mut fresh), ("b", "key-2".into()), "unconfirmed: only b, again");
        assert_eq!(keys.sent(), Some(&("b", "key-2".into())));
    }

    #[test]
    fn lookups_read_pages_to_the_end_within_the_bound() {
        let pages: Vec<(Vec<u32>, Option<String>)> =
            vec![(vec![1, 2], Some("2".into())), (vec![3, 4], Some("4".into())), (vec![5], None)];
        let read = RefCell::new(0);
        let page = |request: PageRequest| {
            let at = request.cursor.map_or(0, |c| c.parse::<usize>().unwrap_or(0) / 2);
            *read.borrow_mut() += 1;
            let answer = pages.get(at).cloned().ok_or(ClientError::Timeout);
            async move { answer }
        };
        assert_eq!(run(find_in_pages(page, |n| *n == 5, LOOKUP_PAGES)), Some(5), "found on the last page");
        assert_eq!(*read.borrow(), 3);
        assert_eq!(run(find_in_pages(page, |n| *n == 9, LOOKUP_PAGES)), None, "not there");
        assert_eq!(run(find_in_pages(page, |n| *n == 5, 2)), None, "beyond the bound");
        let failing = |_| async { Err::<(Vec<u32>, Option<String>), _>(ClientError::Timeout) };
        assert_eq!(run(find_in_pages(failing, |_| true, LOOKUP_PAGES)), None, "a page that cannot be read");
    }
}

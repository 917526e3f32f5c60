//! `use_paged_list`: a long list read a page at a time. The first page is read (again) whenever
//! its source changes, the session is renewed, the connection returns or the account changes;
//! "Show more" appends the next page to the same items, so a keyed list adds rows without
//! redrawing the others; `patch` changes loaded items in place (a repayment's result).

use std::future::Future;

use leptos::prelude::*;
use paylater_core::api::PageRequest;
use paylater_core::client::ClientError;

use crate::context::track_account_changes;
use crate::hooks::read::use_read;

/// A page of items, and the cursor of the next (`None` on the last).
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<String>,
}

/// A change to the loaded items, made in place.
pub type ItemsChange<T> = Box<dyn FnOnce(&mut Vec<T>) + Send + Sync>;

pub struct UsePagedListReturn<T: Send + Sync + 'static> {
    /// The first page's state, for [`crate::ui::async_view::AsyncView`]: changes only between
    /// loading, failed and ready (not when items are added).
    pub phase: Signal<Option<Result<(), ClientError>>>,
    pub items: Signal<Vec<T>>,
    pub has_more: Signal<bool>,
    /// Reads the first page again.
    pub reload: Callback<()>,
    /// Appends the next page.
    pub more: Callback<()>,
    pub more_pending: Signal<bool>,
    pub more_error: Signal<Option<ClientError>>,
    /// Changes the loaded items in place.
    pub patch: Callback<ItemsChange<T>>,
}

impl<T: Send + Sync> Clone for UsePagedListReturn<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync> Copy for UsePagedListReturn<T> {}

/// Items per page: the first render stays small however many there are.
pub const PAGE_SIZE: u32 = 20;

pub fn use_paged_list<S, T, F, Fut>(source: impl Fn() -> S + Send + Sync + 'static, fetch: F) -> UsePagedListReturn<T>
where
    S: Clone + PartialEq + Send + Sync + 'static,
    T: Clone + PartialEq + Send + Sync + 'static,
    F: Fn(S, PageRequest) -> Fut + Clone + 'static,
    Fut: Future<Output = Result<Page<T>, ClientError>> + 'static,
{
    let source = Memo::new(move |_| source());
    let first_fetch = fetch.clone();
    let read = use_read(
        move || {
            track_account_changes();
            source.get()
        },
        move |of| first_fetch(of, PageRequest::first(PAGE_SIZE)),
    );
    // The loaded pages (the first one's answer, then each next page appended): what `read`
    // answered, taken over so that "Show more" and `patch` change it in place.
    let first = RwSignal::new(None::<Result<Page<T>, ClientError>>);
    Effect::new(move |_| {
        if let Some(answer) = read.value.get() {
            first.set(Some(answer));
        }
    });
    let more_pending = RwSignal::new(false);
    let more_error = RwSignal::new(None::<ClientError>);
    let fetch = StoredValue::new_local(fetch);
    let load_more = move |of: S, cursor: String| {
        more_pending.set(true);
        let page = fetch.with_value(|fetch| fetch(of.clone(), PageRequest::after(PAGE_SIZE, &cursor)));
        leptos::task::spawn_local(async move {
            let page = page.await;
            match page {
                // Only onto the list it was asked for (the filter may have changed since).
                Ok(page) if source.try_get_untracked().as_ref() == Some(&of) => {
                    first.try_update(|current| {
                        if let Some(Ok(list)) = current {
                            list.items.extend(page.items);
                            list.next = page.next;
                        }
                    });
                    more_error.try_set(None);
                }
                Ok(_) => {}
                Err(e) => {
                    more_error.try_set(Some(e));
                }
            }
            more_pending.try_set(false);
        });
    };
    let phase = Memo::new(move |_| first.with(|f| f.as_ref().map(|r| r.as_ref().map(|_| ()).map_err(Clone::clone))));
    UsePagedListReturn {
        phase: phase.into(),
        items: Signal::derive(move || {
            first.with(|f| f.as_ref().and_then(|r| r.as_ref().ok()).map(|p| p.items.clone()).unwrap_or_default())
        }),
        has_more: Signal::derive(move || first.with(|f| matches!(f, Some(Ok(p)) if p.next.is_some()))),
        reload: Callback::new(move |_| read.refetch.notify()),
        more: Callback::new(move |_| {
            let cursor =
                first.with_untracked(|f| f.as_ref().and_then(|r| r.as_ref().ok()).and_then(|p| p.next.clone()));
            if let Some(cursor) = cursor
                && !more_pending.get_untracked()
            {
                load_more(source.get_untracked(), cursor);
            }
        }),
        more_pending: more_pending.into(),
        more_error: more_error.into(),
        patch: Callback::new(move |change: ItemsChange<T>| {
            first.update(|current| {
                if let Some(Ok(list)) = current {
                    change(&mut list.items);
                }
            });
        }),
    }
}

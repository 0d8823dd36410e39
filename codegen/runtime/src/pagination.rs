//! Paginators: call a paginated operation again and again, passing each page's continuation
//! token into the next request, until the service stops sending one, or sends one this
//! pagination has already sent (which would otherwise loop forever). Pages and items are
//! `futures_core::Stream`s, and can also be pulled one at a time with `next().await`.
//!
//! A generated crate describes each `@paginated` operation with [`Paginate`] (and
//! [`PaginateItems`] when the model names its items), and names the paginator
//! `operation::<op>::<Op>Paginator<S>`, an alias of [`Paginator`]. A paginator owns its service
//! handle `S`, so a pagination can move into a spawned task; handles such as a generated
//! `Client` or an `Arc<T>` are cheap to clone.

use crate::operation::Operation;
use ::futures_core::Stream;
use ::std::fmt;
use ::std::future::Future;
use ::std::pin::Pin;
use ::std::sync::Arc;
use ::std::task::{Context, Poll};

/// A boxed, `Send` future, as paginators store the calls they make.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

type Call<P> = BoxFuture<'static, Result<<P as Operation>::Output, <P as Operation>::Error>>;

/// A paginated operation `Self` of a service `S`: how to call it, and where its tokens and
/// page size are. Generated crates implement it for each `@paginated` operation's unit type
/// (e.g. `operation::list_workflows::ListWorkflows`).
pub trait Paginate<S>:
    Operation<Input: Clone + Send + 'static, Output: Send + 'static, Error: Send + 'static> + 'static
{
    /// The continuation token: a `String` for most services, a map of attribute values for
    /// DynamoDB's `Scan` and `Query`. Tokens are compared with `PartialEq` to spot repeats.
    type Token: Clone + PartialEq + Send + 'static;
    /// The type of the input's page-size member; `Infallible` when the operation has none, so
    /// that [`Paginator::page_size`] cannot be called.
    type PageSize;

    /// Calls the operation on `service`.
    fn call(service: &S, input: Self::Input) -> impl Future<Output = Result<Self::Output, Self::Error>> + Send;
    /// The next token in a page, if it has a non-empty one.
    fn token(output: &Self::Output) -> Option<&Self::Token>;
    /// The token an input carries (the caller's starting token), if any.
    fn input_token(input: &Self::Input) -> Option<&Self::Token>;
    /// Puts a token into an input.
    fn set_token(input: &mut Self::Input, token: Self::Token);
    /// Sets the input's page size.
    fn set_page_size(input: &mut Self::Input, size: Self::PageSize);
}

/// A paginated operation whose model names the items of each page (`@paginated(items: ..)`).
pub trait PaginateItems<S>: Paginate<S> {
    /// One item.
    type Item;
    /// A page's items, in order.
    fn items(output: Self::Output) -> Vec<Self::Item>;
}

/// Pages through the operation `P` on the service `S`, starting from an input; see the
/// [module docs](self). Made by the service trait's `<op>_paginator` methods, the client's
/// fluent builders (`into_paginator()`), or [`Paginator::new`].
pub struct Paginator<P: Operation, S> {
    service: S,
    input: Result<P::Input, P::Error>,
}

impl<P: Paginate<S>, S> Paginator<P, S> {
    /// A paginator calling `service`, starting with `input` (whose token is normally unset; a
    /// token set there is the first request's, and ends the pagination if a page repeats it).
    pub fn new(service: S, input: P::Input) -> Self {
        Paginator { service, input: Ok(input) }
    }

    /// [`new`](Self::new), from an input that may have failed to build: the error becomes the
    /// first (and last) item of the pages.
    pub fn from_result<E: Into<P::Error>>(service: S, input: Result<P::Input, E>) -> Self {
        Paginator { service, input: input.map_err(Into::into) }
    }

    /// Asks for at most `size` items per page.
    pub fn page_size(mut self, size: P::PageSize) -> Self {
        if let Ok(input) = &mut self.input {
            P::set_page_size(input, size);
        }
        self
    }

    /// The input of the first request, or why it could not be built.
    pub fn input(&self) -> Result<&P::Input, &P::Error> {
        self.input.as_ref()
    }

    /// Every page, in order.
    pub fn pages(self) -> Pages<P, S> {
        let sent = match &self.input {
            Ok(input) => P::input_token(input).cloned().into_iter().collect(),
            Err(_) => Vec::new(),
        };
        Pages { service: Arc::new(self.service), next: self.input.map(Some), pending: None, sent, pages: 0 }
    }

    /// Every item of every page, in order.
    pub fn items(self) -> Items<P, S>
    where
        P: PaginateItems<S>,
    {
        Items { pages: self.pages(), buffer: Vec::new().into_iter() }
    }
}

impl<P: Operation<Input: fmt::Debug, Error: fmt::Debug>, S> fmt::Debug for Paginator<P, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Paginator").field("operation", &P::NAME).field("input", &self.input).finish_non_exhaustive()
    }
}

/// The pages of a paginated operation, in order. Ends after the last page, after a page
/// whose token this pagination has already sent, or after the first error (which it yields).
pub struct Pages<P: Paginate<S>, S> {
    service: Arc<S>,
    /// The next request's input; `Ok(None)` once finished, `Err` for an input that could not
    /// be built.
    next: Result<Option<P::Input>, P::Error>,
    pending: Option<Call<P>>,
    /// Every token sent so far, the caller's own included.
    sent: Vec<<P as Paginate<S>>::Token>,
    pages: usize,
}

// Nothing inside is ever pinned in place: the pending call is boxed. So moving a paginator is
// always fine, whatever the input, output and item types are.
impl<P: Paginate<S>, S> Unpin for Pages<P, S> {}

impl<P: Paginate<S>, S: Send + Sync + 'static> Pages<P, S> {
    /// The next page, or `None` after the last one.
    pub async fn next(&mut self) -> Option<Result<P::Output, P::Error>> {
        ::std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// The call for `input`, owning a handle on the service so that it borrows nothing.
    fn call(&self, input: P::Input) -> Call<P> {
        let service = Arc::clone(&self.service);
        Box::pin(async move { P::call(&service, input).await })
    }

    /// After a page: the next input, unless the page has no token or one already sent.
    fn follow(&mut self, page: &P::Output) {
        let Ok(Some(input)) = &mut self.next else { return };
        match P::token(page) {
            Some(token) if !self.sent.contains(token) => {
                P::set_token(input, token.clone());
                self.sent.push(token.clone());
            }
            _ => self.next = Ok(None),
        }
    }
}

impl<P: Paginate<S>, S: Send + Sync + 'static> Stream for Pages<P, S> {
    type Item = Result<P::Output, P::Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.pending.is_none() {
            let input = match &mut this.next {
                Ok(Some(input)) => input.clone(),
                Ok(None) => return Poll::Ready(None),
                Err(_) => return Poll::Ready(::std::mem::replace(&mut this.next, Ok(None)).err().map(Err)),
            };
            this.pending = Some(this.call(input));
        }
        let Some(pending) = this.pending.as_mut() else { return Poll::Ready(None) };
        let result = ::std::task::ready!(pending.as_mut().poll(cx));
        this.pending = None;
        this.pages += 1;
        match &result {
            Ok(page) => this.follow(page),
            Err(_) => this.next = Ok(None),
        }
        Poll::Ready(Some(result))
    }
}

impl<P: Paginate<S, Input: fmt::Debug>, S> fmt::Debug for Pages<P, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let next = self.next.as_ref().ok().and_then(Option::as_ref);
        f.debug_struct("Pages")
            .field("operation", &P::NAME)
            .field("pages", &self.pages)
            .field("in_flight", &self.pending.is_some())
            .field("next_input", &next)
            .finish_non_exhaustive()
    }
}

/// The items of every page of a paginated operation, in order. Ends after the last item, or
/// after the first error (which it yields).
pub struct Items<P: PaginateItems<S>, S> {
    pages: Pages<P, S>,
    buffer: ::std::vec::IntoIter<P::Item>,
}

impl<P: PaginateItems<S>, S> Unpin for Items<P, S> {}

impl<P: PaginateItems<S>, S: Send + Sync + 'static> Items<P, S> {
    /// The next item, or `None` after the last one.
    pub async fn next(&mut self) -> Option<Result<P::Item, P::Error>> {
        ::std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }
}

impl<P: PaginateItems<S>, S: Send + Sync + 'static> Stream for Items<P, S> {
    type Item = Result<P::Item, P::Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.buffer.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            match ::std::task::ready!(Pin::new(&mut this.pages).poll_next(cx)) {
                Some(Ok(page)) => this.buffer = P::items(page).into_iter(),
                Some(Err(e)) => return Poll::Ready(Some(Err(e))),
                None => return Poll::Ready(None),
            }
        }
    }
}

impl<P: PaginateItems<S, Input: fmt::Debug>, S> fmt::Debug for Items<P, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items").field("pages", &self.pages).field("buffered", &self.buffer.len()).finish()
    }
}

#[cfg(test)]
mod tests;

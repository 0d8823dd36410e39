//! Paginators: call a paginated operation again and again, passing each page's continuation
//! token into the next request, until the service stops sending one (or sends the same one
//! twice, which would loop forever). Pages and items are `futures_core::Stream`s, and can also
//! be pulled one at a time with `next().await`.

use ::futures_core::Stream;
use ::std::future::Future;
use ::std::pin::Pin;
use ::std::task::{Context, Poll};

/// A boxed, `Send` future, as paginators store the calls they make.
pub type BoxFuture<'a, T> = Pin<::std::boxed::Box<dyn Future<Output = T> + ::std::marker::Send + 'a>>;

type Call<'a, I, O, E> = ::std::boxed::Box<dyn FnMut(I) -> BoxFuture<'a, ::std::result::Result<O, E>> + ::std::marker::Send + 'a>;

/// The pages of a paginated operation, in order. Ends after the last page, or after the first
/// error (which it yields).
pub struct Pages<'a, I, O, E> {
    call: Call<'a, I, O, E>,
    input: I,
    set_token: fn(&mut I, ::std::option::Option<::std::string::String>),
    get_token: fn(&O) -> ::std::option::Option<&str>,
    pending: ::std::option::Option<BoxFuture<'a, ::std::result::Result<O, E>>>,
    sent_token: ::std::option::Option<::std::string::String>,
    done: bool,
}

// Nothing inside is ever pinned in place: the pending call is boxed. So moving a paginator is
// always fine, whatever the input, output and item types are.
impl<I, O, E> ::std::marker::Unpin for Pages<'_, I, O, E> {}
impl<I, O, E, T> ::std::marker::Unpin for Items<'_, I, O, E, T> {}

impl<'a, I: ::std::clone::Clone, O, E> Pages<'a, I, O, E> {
    /// Pages of `call`, starting from `input`; `set_token` puts a token into an input,
    /// `get_token` reads the next one from a page.
    pub fn new(
        input: I,
        call: Call<'a, I, O, E>,
        set_token: fn(&mut I, ::std::option::Option<::std::string::String>),
        get_token: fn(&O) -> ::std::option::Option<&str>,
    ) -> Self {
        Pages { call, input, set_token, get_token, pending: ::std::option::Option::None, sent_token: ::std::option::Option::None, done: false }
    }

    /// The next page, or `None` after the last one.
    pub async fn next(&mut self) -> ::std::option::Option<::std::result::Result<O, E>> {
        ::std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// Every page's items, one at a time, using `items` to take them out of a page.
    pub fn flat_map<T>(self, items: fn(O) -> ::std::vec::Vec<T>) -> Items<'a, I, O, E, T> {
        Items { pages: self, items, buffer: ::std::vec::Vec::new().into_iter() }
    }
}

impl<I: ::std::clone::Clone, O, E> Stream for Pages<'_, I, O, E> {
    type Item = ::std::result::Result<O, E>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<::std::option::Option<Self::Item>> {
        let this = self.get_mut();
        if this.done {
            return Poll::Ready(::std::option::Option::None);
        }
        let input = this.input.clone();
        let call = &mut this.call;
        let pending = this.pending.get_or_insert_with(|| call(input));
        let result = ::std::task::ready!(pending.as_mut().poll(cx));
        this.pending = ::std::option::Option::None;
        match &result {
            ::std::result::Result::Ok(page) => {
                let token = (this.get_token)(page).filter(|t| !t.is_empty()).map(::std::string::String::from);
                match token {
                    ::std::option::Option::Some(token) if this.sent_token.as_deref() != ::std::option::Option::Some(token.as_str()) => {
                        (this.set_token)(&mut this.input, ::std::option::Option::Some(token.clone()));
                        this.sent_token = ::std::option::Option::Some(token);
                    }
                    _ => this.done = true,
                }
            }
            ::std::result::Result::Err(_) => this.done = true,
        }
        Poll::Ready(::std::option::Option::Some(result))
    }
}

/// The items of every page of a paginated operation, in order. Ends after the last item, or
/// after the first error (which it yields).
pub struct Items<'a, I, O, E, T> {
    pages: Pages<'a, I, O, E>,
    items: fn(O) -> ::std::vec::Vec<T>,
    buffer: ::std::vec::IntoIter<T>,
}

impl<I: ::std::clone::Clone, O, E, T> Items<'_, I, O, E, T> {
    /// The next item, or `None` after the last one.
    pub async fn next(&mut self) -> ::std::option::Option<::std::result::Result<T, E>> {
        ::std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }
}

impl<I: ::std::clone::Clone, O, E, T> Stream for Items<'_, I, O, E, T> {
    type Item = ::std::result::Result<T, E>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<::std::option::Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let ::std::option::Option::Some(item) = this.buffer.next() {
                return Poll::Ready(::std::option::Option::Some(::std::result::Result::Ok(item)));
            }
            match ::std::task::ready!(Pin::new(&mut this.pages).poll_next(cx)) {
                ::std::option::Option::Some(::std::result::Result::Ok(page)) => this.buffer = (this.items)(page).into_iter(),
                ::std::option::Option::Some(::std::result::Result::Err(e)) => return Poll::Ready(::std::option::Option::Some(::std::result::Result::Err(e))),
                ::std::option::Option::None => return Poll::Ready(::std::option::Option::None),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::std::sync::{Arc, Mutex};

    /// Runs a future that never waits on I/O to completion.
    fn block_on<F: Future>(future: F) -> F::Output {
        let mut future = ::std::pin::pin!(future);
        let mut cx = Context::from_waker(::std::task::Waker::noop());
        loop {
            if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
                return out;
            }
        }
    }

    #[derive(Clone, Default)]
    struct Req {
        token: ::std::option::Option<::std::string::String>,
    }

    struct Page {
        items: ::std::vec::Vec<u32>,
        next: ::std::option::Option<::std::string::String>,
    }

    fn pages<'a>(script: &'a [(&'a [u32], ::std::option::Option<&'a str>)], log: Arc<Mutex<::std::vec::Vec<::std::option::Option<::std::string::String>>>>) -> Pages<'a, Req, Page, &'static str> {
        let mut n = 0;
        Pages::new(
            Req::default(),
            ::std::boxed::Box::new(move |req: Req| {
                log.lock().unwrap().push(req.token.clone());
                let step = script.get(n).copied();
                n += 1;
                ::std::boxed::Box::pin(async move {
                    let (items, next) = step.ok_or("called past the end")?;
                    Ok(Page { items: items.to_vec(), next: next.map(String::from) })
                })
            }),
            |req, token| req.token = token,
            |page| page.next.as_deref(),
        )
    }

    #[test]
    fn follows_tokens_until_none() {
        let log = Arc::new(Mutex::new(::std::vec::Vec::new()));
        let script: &[(&[u32], ::std::option::Option<&str>)] = &[(&[1, 2], Some("a")), (&[3], Some("b")), (&[], Some("")), (&[9], None)];
        let mut items = pages(script, log.clone()).flat_map(|p| p.items);
        let mut got = ::std::vec::Vec::new();
        while let Some(item) = block_on(items.next()) {
            got.push(item.unwrap());
        }
        assert_eq!(got, [1, 2, 3]);
        assert_eq!(*log.lock().unwrap(), [None, Some("a".into()), Some("b".into())]);
    }

    #[test]
    fn stops_on_a_repeated_token() {
        let log = Arc::new(Mutex::new(::std::vec::Vec::new()));
        let script: &[(&[u32], ::std::option::Option<&str>)] = &[(&[1], Some("a")), (&[2], Some("a")), (&[3], None)];
        let mut p = pages(script, log.clone());
        let mut count = 0;
        while let Some(page) = block_on(p.next()) {
            page.unwrap();
            count += 1;
        }
        assert_eq!(count, 2);
    }

    #[test]
    fn stops_after_an_error() {
        let log = Arc::new(Mutex::new(::std::vec::Vec::new()));
        let script: &[(&[u32], ::std::option::Option<&str>)] = &[(&[1], Some("a"))];
        let mut p = pages(script, log);
        assert!(block_on(p.next()).unwrap().is_ok());
        assert!(block_on(p.next()).unwrap().is_err());
        assert!(block_on(p.next()).is_none());
    }
}

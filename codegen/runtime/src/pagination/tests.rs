use super::*;
use ::std::collections::HashMap;
use ::std::marker::PhantomData;
use ::std::sync::Mutex;

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

#[derive(Clone, Debug, Default)]
struct Req<T> {
    token: Option<T>,
    size: Option<u32>,
}

struct Page<T> {
    items: Vec<u32>,
    next: Option<T>,
}

/// A service answering from a script of pages (items, next token), logging each request's
/// token; past the end of the script it fails.
struct Script<T> {
    pages: Vec<(Vec<u32>, Option<T>)>,
    log: Mutex<Vec<Req<T>>>,
}

fn script<T>(pages: Vec<(Vec<u32>, Option<T>)>) -> Arc<Script<T>> {
    Arc::new(Script { pages, log: Mutex::new(Vec::new()) })
}

impl<T: Clone> Script<T> {
    fn answer(&self, req: Req<T>) -> Result<Page<T>, &'static str> {
        let mut log = self.log.lock().unwrap();
        log.push(req);
        let (items, next) = self.pages.get(log.len() - 1).cloned().ok_or("called past the end")?;
        Ok(Page { items, next })
    }

    fn tokens(&self) -> Vec<Option<T>> {
        self.log.lock().unwrap().iter().map(|r| r.token.clone()).collect()
    }
}

/// The operation, for any token type.
struct List<T>(PhantomData<T>);

impl<T> crate::__private::SealedOperation for List<T> {}
impl<T> Operation for List<T> {
    type Input = Req<T>;
    type Output = Page<T>;
    type Error = &'static str;
    const NAME: &'static str = "List";
    const READONLY: bool = true;
    const IDEMPOTENT: bool = false;
    const IDEMPOTENCY_TOKEN: Option<&'static str> = None;
    const PAGINATION: Option<crate::operation::Pagination> = None;
    const HTTP: Option<crate::operation::Http> = None;
}

impl<T: Clone + PartialEq + Send + Sync + 'static> Paginate<Arc<Script<T>>> for List<T> {
    type Token = T;
    type PageSize = u32;
    fn call(service: &Arc<Script<T>>, input: Req<T>) -> impl Future<Output = Result<Page<T>, &'static str>> + Send {
        ::std::future::ready(service.answer(input))
    }
    fn token(output: &Page<T>) -> Option<&T> {
        output.next.as_ref()
    }
    fn input_token(input: &Req<T>) -> Option<&T> {
        input.token.as_ref()
    }
    fn set_token(input: &mut Req<T>, token: T) {
        input.token = Some(token);
    }
    fn set_page_size(input: &mut Req<T>, size: u32) {
        input.size = Some(size);
    }
}

impl<T: Clone + PartialEq + Send + Sync + 'static> PaginateItems<Arc<Script<T>>> for List<T> {
    type Item = u32;
    fn items(output: Page<T>) -> Vec<u32> {
        output.items
    }
}

type Strings = Arc<Script<String>>;

fn s(token: &str) -> Option<String> {
    Some(token.to_string())
}

fn collect<T: Clone + PartialEq + Send + Sync + 'static>(paginator: Paginator<List<T>, Arc<Script<T>>>) -> Vec<Result<u32, &'static str>> {
    let mut items = paginator.items();
    let mut got = Vec::new();
    while let Some(item) = block_on(items.next()) {
        got.push(item);
    }
    got
}

#[test]
fn follows_tokens_until_none() {
    let service: Strings = script(vec![(vec![1, 2], s("a")), (vec![3], s("b")), (vec![], None)]);
    let got = collect(Paginator::new(service.clone(), Req::default()).page_size(2));
    assert_eq!(got, [Ok(1), Ok(2), Ok(3)]);
    assert_eq!(service.tokens(), [None, s("a"), s("b")]);
    assert!(service.log.lock().unwrap().iter().all(|r| r.size == Some(2)));
}

#[test]
fn stops_on_any_token_already_sent() {
    // A, B, A: the third page's token was sent before, so there is no fourth call.
    let service: Strings = script(vec![(vec![1], s("a")), (vec![2], s("b")), (vec![3], s("a")), (vec![4], None)]);
    let got = collect(Paginator::new(service.clone(), Req::default()));
    assert_eq!(got, [Ok(1), Ok(2), Ok(3)]);
    assert_eq!(service.tokens(), [None, s("a"), s("b")]);
}

#[test]
fn the_callers_starting_token_counts_as_sent() {
    let service: Strings = script(vec![(vec![1], s("start")), (vec![2], None)]);
    let start = Req { token: s("start"), size: None };
    let got = collect(Paginator::new(service.clone(), start));
    assert_eq!(got, [Ok(1)]);
    assert_eq!(service.tokens(), [s("start")]);
}

#[test]
fn map_tokens_are_compared_by_value() {
    let key = |k: &str| Some(HashMap::from([("pk".to_string(), k.to_string()), ("sk".to_string(), "1".to_string())]));
    let service = script(vec![(vec![1], key("a")), (vec![2], key("b")), (vec![3], key("a")), (vec![4], None)]);
    let got = collect(Paginator::new(service.clone(), Req::default()));
    assert_eq!(got, [Ok(1), Ok(2), Ok(3)]);
    assert_eq!(service.tokens(), [None, key("a"), key("b")]);
}

#[test]
fn stops_after_an_error() {
    let service: Strings = script(vec![(vec![1], s("a"))]);
    let mut pages = Paginator::<List<String>, _>::new(service, Req::default()).pages();
    assert!(block_on(pages.next()).unwrap().is_ok());
    assert_eq!(block_on(pages.next()).unwrap().err(), Some("called past the end"));
    assert!(block_on(pages.next()).is_none());
}

#[test]
fn an_input_that_failed_to_build_is_the_only_item() {
    let service: Strings = script(vec![(vec![1], None)]);
    let paginator = Paginator::<List<String>, _>::from_result(service.clone(), Err("missing member")).page_size(3);
    assert_eq!(collect(paginator), [Err("missing member")]);
    assert!(service.tokens().is_empty());
}

#[test]
fn paginators_own_their_service_and_can_be_spawned() {
    fn assert_send_static<T: Send + 'static>(_: &T) {}
    let service: Strings = script(vec![(vec![1], s("a")), (vec![2], None)]);
    let items = Paginator::<List<String>, _>::new(service, Req::default()).items();
    assert_send_static(&items);
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let got = runtime.block_on(async move {
        let task = tokio::spawn(async move {
            let mut items = items;
            let mut got = Vec::new();
            while let Some(item) = items.next().await {
                got.push(item.unwrap());
            }
            got
        });
        task.await.unwrap()
    });
    assert_eq!(got, [1, 2]);
}

#[test]
fn debug_names_the_operation_and_the_next_input() {
    let service: Strings = script(vec![(vec![1], s("a")), (vec![2], None)]);
    let paginator = Paginator::<List<String>, _>::new(service, Req::default());
    assert!(format!("{paginator:?}").starts_with("Paginator { operation: \"List\", input: Ok(Req"), "{paginator:?}");
    let mut pages = paginator.pages();
    block_on(pages.next());
    let debug = format!("{pages:?}");
    assert!(debug.contains("pages: 1") && debug.contains("token: Some(\"a\")"), "{debug}");
    let items = Paginator::<List<String>, _>::new(script::<String>(vec![]), Req::default()).items();
    assert!(format!("{items:?}").starts_with("Items { pages: Pages {"), "{items:?}");
}

//! Routing by `@http`, as restJson1 servers route: the method, the path's literal segments and
//! labels (a greedy label takes one or more segments), and the literal query parameters the
//! pattern requires. Labels are percent-decoded. Smithy's model validation rules out ambiguous
//! routes; where a request could still match several, the one with the most literal parts wins.

use super::RestRoute;
use crate::protocol::bindings::percent_decode;
use crate::protocol::uri::{Pattern, Segment};
use std::sync::{Mutex, OnceLock};

/// A route table, parsed once.
struct Router {
    routes: Vec<(http::Method, Pattern<'static>)>,
}

/// The parsed routes of a service's table, made once per process; each thread keeps its own
/// list of them, so that a request takes no lock.
fn router(routes: &'static [RestRoute]) -> &'static Router {
    thread_local! {
        static LOCAL: std::cell::RefCell<Vec<(usize, &'static Router)>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let key = routes.as_ptr() as usize;
    if let Some(router) = LOCAL.with_borrow(|local| local.iter().find(|(k, _)| *k == key).map(|(_, r)| *r)) {
        return router;
    }
    let router = shared_router(routes);
    LOCAL.with_borrow_mut(|local| local.push((key, router)));
    router
}

fn shared_router(routes: &'static [RestRoute]) -> &'static Router {
    static CACHE: OnceLock<Mutex<Vec<(usize, &'static Router)>>> = OnceLock::new();
    let key = routes.as_ptr() as usize;
    let mut cache = CACHE.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, router)) = cache.iter().find(|(k, _)| *k == key) {
        return router;
    }
    let parsed = routes
        .iter()
        .map(|r| (http::Method::from_bytes(r.method.as_bytes()).unwrap_or(http::Method::GET), Pattern::parse(r.uri)))
        .collect();
    let router: &'static Router = Box::leak(Box::new(Router { routes: parsed }));
    cache.push((key, router));
    router
}

/// The URI labels of a route, percent-decoded: (label, value).
pub(crate) type Labels = Vec<(&'static str, String)>;

/// The labels of a route that matched, as the path has them (not yet decoded).
type RawLabels<'p> = Vec<(&'static str, &'p str)>;

/// The route a request takes: its index in `routes`, its operation, and its labels.
pub(crate) fn route(routes: &'static [RestRoute], parts: &http::request::Parts) -> Option<(usize, &'static str, Labels)> {
    let router = router(routes);
    let path = parts.uri.path();
    let mut segments: Vec<&str> = path.split('/').skip(1).collect();
    // `/things/` is `/things`.
    if segments.len() > 1 && segments.last() == Some(&"") {
        segments.pop();
    }
    // Decoded only for a route that requires query literals.
    let mut query: Option<Vec<(String, String)>> = None;
    let mut best: Option<(usize, usize, RawLabels<'_>)> = None;
    for (index, (method, pattern)) in router.routes.iter().enumerate() {
        if method != parts.method {
            continue;
        }
        let Some((labels, literals)) = match_path(&pattern.segments, path, &segments) else { continue };
        if !pattern.query.is_empty() {
            let query = query.get_or_insert_with(|| query_pairs(parts.uri.query().unwrap_or("")));
            if !pattern.query.iter().all(|(k, v)| query.iter().any(|(qk, qv)| qk == k && v.is_none_or(|v| v == qv))) {
                continue;
            }
        }
        let score = literals + pattern.query.len();
        if best.as_ref().is_none_or(|(_, s, _)| score > *s) {
            best = Some((index, score, labels));
        }
    }
    let (index, _, raw) = best?;
    // Labels are decoded for the route taken only; one that is not UTF-8 matches nothing.
    let labels = raw.into_iter().map(|(name, raw)| percent_decode(raw).ok().map(|value| (name, value))).collect::<Option<Labels>>()?;
    Some((index, routes[index].operation, labels))
}

pub(crate) fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k).unwrap_or_else(|_| k.to_string()), percent_decode(v).unwrap_or_else(|_| v.to_string()))
        })
        .collect()
}

/// Whether a path segment is the literal `text`, as sent or percent-decoded.
fn is_literal(segment: &str, text: &str) -> bool {
    segment == text || (segment.contains('%') && percent_decode(segment).ok().as_deref() == Some(text))
}

/// Matches the path's `segments` (slices of `path`) against a pattern: the labels' raw text
/// and the number of literal segments, or `None`.
fn match_path<'p>(pattern: &[Segment<'static>], path: &'p str, segments: &[&'p str]) -> Option<(RawLabels<'p>, usize)> {
    let mut labels = Vec::new();
    let mut literals = 0;
    let mut i = 0;
    for (p, segment) in pattern.iter().enumerate() {
        match segment {
            Segment::Literal(text) => {
                if !is_literal(segments.get(i)?, text) {
                    return None;
                }
                literals += 1;
                i += 1;
            }
            Segment::Label { name, greedy: false } => {
                let value = segments.get(i)?;
                if value.is_empty() {
                    return None;
                }
                labels.push((*name, *value));
                i += 1;
            }
            Segment::Label { name, greedy: true } => {
                // Leave what the segments after the label need.
                let rest = pattern.len() - p - 1;
                let end = segments.len().checked_sub(rest)?;
                if end <= i {
                    return None;
                }
                labels.push((*name, span(path, &segments[i..end])));
                i = end;
            }
        }
    }
    (i == segments.len()).then_some((labels, literals))
}

/// The text of `path` that consecutive `segments` of it cover, the `/`s between them included.
fn span<'p>(path: &'p str, segments: &[&'p str]) -> &'p str {
    let offset = |s: &str| s.as_ptr() as usize - path.as_ptr() as usize;
    match (segments.first(), segments.last()) {
        (Some(first), Some(last)) => &path[offset(first)..offset(last) + last.len()],
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static ROUTES: [RestRoute; 5] = [
        RestRoute { operation: "GetThing", method: "GET", uri: "/things/{id}" },
        RestRoute { operation: "ListThings", method: "GET", uri: "/things" },
        RestRoute { operation: "GetSpecial", method: "GET", uri: "/things/special" },
        RestRoute { operation: "GetObject", method: "GET", uri: "/{bucket}/{key+}/meta" },
        RestRoute { operation: "Search", method: "GET", uri: "/things?mode=search&all" },
    ];

    fn route_of(method: &str, uri: &str) -> Option<(&'static str, Vec<(&'static str, String)>)> {
        let (parts, ()) = http::Request::builder().method(method).uri(uri).body(()).unwrap().into_parts();
        route(&ROUTES, &parts).map(|(_, op, labels)| (op, labels))
    }

    #[test]
    fn routes_by_method_literals_labels_and_query() {
        assert_eq!(route_of("GET", "/things/a%20b").unwrap(), ("GetThing", vec![("id", "a b".to_string())]));
        assert_eq!(route_of("GET", "/things/special").unwrap().0, "GetSpecial");
        assert_eq!(route_of("GET", "/things").unwrap().0, "ListThings");
        assert_eq!(route_of("GET", "/things/").unwrap().0, "ListThings");
        assert_eq!(route_of("GET", "/things?all&mode=search").unwrap().0, "Search");
        assert_eq!(route_of("GET", "/things?mode=other").unwrap().0, "ListThings");
        assert!(route_of("POST", "/things").is_none());
        assert!(route_of("GET", "/nothing/here/at/all").is_none());
    }

    #[test]
    fn greedy_labels_take_the_segments_between() {
        let (op, labels) = route_of("GET", "/b/a/b/c/meta").unwrap();
        assert_eq!(op, "GetObject");
        assert_eq!(labels, vec![("bucket", "b".to_string()), ("key", "a/b/c".to_string())]);
        assert!(route_of("GET", "/b/meta").is_none());
        assert_eq!(route_of("GET", "/b/a%2Fb/c/meta").unwrap().1[1], ("key", "a/b/c".to_string()));
    }

    #[test]
    fn literals_match_percent_encoded_and_labels_must_be_utf8() {
        assert_eq!(route_of("GET", "/thing%73/special").unwrap().0, "GetSpecial");
        assert!(route_of("GET", "/things/%FF").is_none());
    }
}

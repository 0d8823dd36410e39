//! `@http` URI patterns, shared by the client (which fills them) and the server (which routes
//! by them).

/// A URI pattern of `@http`, as parts: literal path text, labels, and literal query parameters.
#[derive(Debug)]
pub(crate) struct Pattern<'a> {
    pub(crate) segments: Vec<Segment<'a>>,
    pub(crate) query: Vec<(&'a str, Option<&'a str>)>,
}

#[derive(Debug)]
pub(crate) enum Segment<'a> {
    Literal(&'a str),
    Label { name: &'a str, greedy: bool },
}

impl<'a> Pattern<'a> {
    pub(crate) fn parse(uri: &'a str) -> Pattern<'a> {
        let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
        let segments = path
            .split('/')
            .skip(1)
            .map(|s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(label) => match label.strip_suffix('+') {
                    Some(name) => Segment::Label { name, greedy: true },
                    None => Segment::Label { name: label, greedy: false },
                },
                None => Segment::Literal(s),
            })
            .collect();
        let query = query.split('&').filter(|q| !q.is_empty()).map(|q| match q.split_once('=') {
            Some((k, v)) => (k, Some(v)),
            None => (q, None),
        });
        Pattern { segments, query: query.collect() }
    }
}


use super::{RequestWriter, ResponseReader};
use std::collections::HashMap;

#[test]
fn requests_are_framed_from_the_pattern_and_bindings() {
    let mut w = RequestWriter::default();
    w.label("Bucket", Some("my bucket"));
    w.label("Key", Some("a/b c"));
    w.query("Qs", Some("x&y"));
    w.query_list("Ql", ["1", "2"]);
    let params = HashMap::from([("Qs".to_string(), "ignored".to_string()), ("Other".to_string(), "o".to_string())]);
    w.query_params(Some(&params));
    w.header("X-Foo", Some("Foo"));
    w.header_list("X-List", Some(["a", "b,c"]));
    let (method, path, headers, body) = w.finish("PUT", "/{Bucket}/{Key+}?literal=1&flag").unwrap();
    assert_eq!(method, http::Method::PUT);
    assert_eq!(path, "/my%20bucket/a/b%20c?literal=1&flag&Qs=x%26y&Ql=1&Ql=2&Other=o");
    assert_eq!(headers["x-foo"], "Foo");
    assert_eq!(headers["x-list"], r#"a, "b,c""#);
    assert!(body.is_empty() && !headers.contains_key("content-type"));
}

#[test]
fn a_missing_label_fails_the_request() {
    let mut w = RequestWriter::default();
    w.label("Id", None::<&str>);
    assert!(w.finish("GET", "/things/{Id}").unwrap_err().contains("`Id`"));
    let mut w = RequestWriter::default();
    w.label("Id", Some(""));
    assert!(w.finish("GET", "/things/{Id}").is_err());
}

#[test]
fn responses_read_headers_lists_and_prefixes() {
    let mut headers = http::HeaderMap::new();
    headers.insert("x-int", http::HeaderValue::from_static("7"));
    headers.insert("x-list", http::HeaderValue::from_static(r#"a, "b,c""#));
    headers.insert("x-foo-abc", http::HeaderValue::from_static("Abc"));
    let r = ResponseReader::new(201, &headers, b"");
    assert_eq!(r.header::<i32>("X-Int"), Ok(Some(7)));
    assert_eq!(r.header::<i32>("X-Missing"), Ok(None));
    assert_eq!(r.header_list::<String>("X-List"), Ok(Some(vec!["a".to_string(), "b,c".to_string()])));
    assert_eq!(r.prefix_headers("X-Foo-").unwrap().unwrap()["abc"], "Abc");
    assert_eq!(r.status(), 201);
    assert!(r.header::<bool>("X-Int").is_err());
}

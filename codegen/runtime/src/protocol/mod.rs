//! The wire protocols: one module per protocol, each with what its clients and servers share.
//! Generated code names the protocol its service speaks; the client and server runtimes are
//! the same for all of them.

pub mod aws_json;
pub mod bindings;
pub mod rest_json;
pub(crate) mod uri;

/// The error code of an error response in the AWS JSON protocols: the `X-Amzn-Errortype`
/// header, else the body's `__type`, else its `code`; what follows a `#` and precedes a `:`.
pub fn error_code(headers: &http::HeaderMap, body: &[u8]) -> Option<String> {
    let raw = match headers.get("x-amzn-errortype").and_then(|v| v.to_str().ok()) {
        Some(header) => header.to_string(),
        None => {
            let serde_json::Value::Object(mut fields) = serde_json::from_slice(body).ok()? else { return None };
            let text = |v: serde_json::Value| match v {
                serde_json::Value::String(s) => Some(s),
                _ => None,
            };
            fields.remove("__type").and_then(text).or_else(|| fields.remove("code").and_then(text))?
        }
    };
    let code = sanitize_error_code(&raw);
    (!code.is_empty()).then(|| code.to_string())
}

/// An error code without its namespace (`aws.protocoltests#`) and suffix (`:http://...`).
pub fn sanitize_error_code(raw: &str) -> &str {
    let before_colon = raw.split(':').next().unwrap_or(raw);
    before_colon.split_once('#').map_or(before_colon, |(_, code)| code).trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_codes_lose_namespace_and_suffix() {
        let mut headers = http::HeaderMap::new();
        assert_eq!(error_code(&headers, br#"{"__type": "aws.example#Boom:http://x"}"#).as_deref(), Some("Boom"));
        assert_eq!(error_code(&headers, br#"{"code": "Other"}"#).as_deref(), Some("Other"));
        assert_eq!(error_code(&headers, b"not json"), None);
        headers.insert("x-amzn-errortype", http::HeaderValue::from_static("FromHeader:"));
        assert_eq!(error_code(&headers, br#"{"__type": "Boom"}"#).as_deref(), Some("FromHeader"));
    }
}

/// What a strict (server) read of a JSON request body found wrong.
#[derive(Debug)]
pub enum BodyError {
    /// A required member of a structure inside the input was left out: its JSON pointer path.
    MissingRequired(String),
    /// Anything else that keeps the body from reading as the input.
    Invalid(String),
}

/// Reads a request's JSON body strictly (see [`crate::wire::strict`]), telling a required
/// member left out (with its path) from any other problem. An empty body reads as `{}`.
pub fn read_request_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, BodyError> {
    let json: &[u8] = if body.iter().all(u8::is_ascii_whitespace) { b"{}" } else { body };
    let mut de = serde_json::Deserializer::from_slice(json);
    let read: Result<T, _> = crate::wire::strict(|| serde_path_to_error::deserialize(&mut de));
    let value = read.map_err(|err| {
        let message = err.inner().to_string();
        match message.strip_prefix(crate::wire::MISSING_REQUIRED) {
            Some(rest) => {
                let key = rest.split(" at line ").next().unwrap_or(rest);
                let mut path = String::new();
                for segment in err.path().iter() {
                    match segment {
                        serde_path_to_error::Segment::Seq { index } => path.push_str(&format!("/{index}")),
                        serde_path_to_error::Segment::Map { key } => path.push_str(&format!("/{key}")),
                        serde_path_to_error::Segment::Enum { variant } => path.push_str(&format!("/{variant}")),
                        serde_path_to_error::Segment::Unknown => {}
                    }
                }
                BodyError::MissingRequired(format!("{path}/{key}"))
            }
            None => BodyError::Invalid(message),
        }
    })?;
    de.end().map_err(|e| BodyError::Invalid(e.to_string()))?;
    Ok(value)
}

//! SigV4 signing of an outgoing request, with the `aws-sigv4` crate.

use aws_credential_types::Credentials;

/// Why a request could not be signed.
#[derive(Debug)]
pub struct SigningError(String);

impl ::std::fmt::Display for SigningError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(f, "could not sign the request: {}", self.0)
    }
}

impl ::std::error::Error for SigningError {}

/// Adds the `Authorization`, `X-Amz-Date` (and, for temporary credentials,
/// `X-Amz-Security-Token`) headers that sign `request` for `service` in `region` at `time`.
pub fn sign_request(
    request: &mut ::http::Request<::bytes::Bytes>,
    credentials: &Credentials,
    region: &str,
    service: &str,
    time: ::std::time::SystemTime,
) -> Result<(), SigningError> {
    use ::aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
    let identity: ::aws_smithy_runtime_api::client::identity::Identity = credentials.clone().into();
    let params = ::aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(service)
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .map_err(|e| SigningError(e.to_string()))?
        .into();
    let mut headers = Vec::with_capacity(request.headers().len());
    for (name, value) in request.headers() {
        let value = value.to_str().map_err(|_| SigningError(format!("header `{name}` is not visible ASCII")))?;
        headers.push((name.as_str(), value));
    }
    let uri = request.uri().to_string();
    let signable = SignableRequest::new(request.method().as_str(), &uri, headers.into_iter(), SignableBody::Bytes(request.body()))
        .map_err(|e| SigningError(e.to_string()))?;
    let (instructions, _signature) = sign(signable, &params).map_err(|e| SigningError(e.to_string()))?.into_parts();
    instructions.apply_to_request_http1x(request);
    Ok(())
}

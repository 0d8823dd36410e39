//! The client's side: `ClientProtocol` for restJson1.

use super::{HttpInput, HttpOutput, RequestWriter, ResponseReader, RestJson};
use crate::client::{ClientError, ClientErrorKind, ClientProtocol, HttpResponse, OperationError, RequestParts};
use crate::error::Unhandled;
use crate::operation::Operation;

impl<O> ClientProtocol<O> for RestJson
where
    O: Operation,
    O::Input: HttpInput,
    O::Output: HttpOutput,
    O::Error: OperationError,
{
    fn write_request(&self, input: &O::Input) -> Result<RequestParts, ClientError> {
        let Some(http) = O::HTTP else {
            return Err(ClientError::new(ClientErrorKind::Construction, format!("`{}` has no @http trait", O::NAME), None));
        };
        let mut writer = RequestWriter::default();
        input.write_request(&mut writer);
        let (method, path_and_query, headers, body) =
            writer.finish(http.method, http.uri).map_err(|why| ClientError::new(ClientErrorKind::Construction, why, None))?;
        Ok(RequestParts { method, path_and_query, headers, body })
    }

    fn read_output(&self, response: &HttpResponse) -> Result<O::Output, ClientError> {
        let reader = ResponseReader::new(response.status().as_u16(), response.headers(), response.body());
        O::Output::read_response(&reader).map_err(|why| {
            ClientError::new(ClientErrorKind::Response, format!("cannot read the `{}` response: {why}", O::NAME), None)
        })
    }

    fn read_error(&self, response: &HttpResponse) -> O::Error {
        match super::super::error_code(response.headers(), response.body()) {
            Some(code) => O::Error::from_response(&code, response),
            None => O::Error::from_unhandled(Unhandled::from_response(None, Some(response.status().as_u16()), response.body())),
        }
    }
}

/// Reads a modeled error of a restJson1 response (body and bound headers); a response that
/// does not read becomes an `Unhandled` that keeps it.
pub fn read_error<T: HttpOutput + crate::error::FillMessage>(code: &str, response: &HttpResponse) -> Result<T, Unhandled> {
    let status = response.status().as_u16();
    let reader = ResponseReader::new(status, response.headers(), response.body());
    let mut err = T::read_response(&reader).map_err(|why| {
        Unhandled::from_response(Some(code), Some(status), response.body()).with_source(ClientError::new(ClientErrorKind::Response, why, None))
    })?;
    err.fill_message(crate::error::body_message(response.body()));
    Ok(err)
}

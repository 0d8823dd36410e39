//! `src/auth.rs`: credentials and SigV4 signing for the client, copied as written.

use super::insert_runtime;
use super::rust::render;
use crate::error::Result;
use crate::ir::Crate;
use quote::quote;
use std::collections::BTreeMap;

pub fn emit(_krate: &Crate, files: &mut BTreeMap<String, String>) -> Result<()> {
    insert_runtime(files, "src/auth/credentials.rs", include_str!("../../runtime/auth/credentials.rs"));
    insert_runtime(files, "src/auth/sigv4.rs", include_str!("../../runtime/auth/sigv4.rs"));
    let tokens = quote! {
        #![doc = " Credentials and SigV4 signing: where the client finds its keys, and how it signs."]
        mod credentials;
        mod sigv4;
        pub use credentials::{
            region_from_env, BoxFuture, Credentials, CredentialsError, DefaultCredentialsChain, Env,
            EnvironmentVariables, ProfileFiles, ProvideCredentials,
        };
        pub use sigv4::{sign_request, SigningError};
    };
    files.insert("src/auth.rs".to_string(), render("src/auth.rs", tokens)?);
    Ok(())
}

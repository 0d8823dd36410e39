//! Printing a model as IDL 2.0 (to do).

use super::model::Model;
use std::collections::BTreeMap;

pub fn print_idl(_model: &Model) -> BTreeMap<String, String> {
    BTreeMap::new()
}

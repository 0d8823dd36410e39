//! Metadata from every file, merged as Smithy merges it: lists concatenate, equal values are
//! kept once, anything else is a conflict.

use super::super::diag::Diag;
use super::super::node::{Loc, Node};
use super::{merge_value, Entries};
use crate::idl::fxhash::FxIndexMap as IndexMap;

pub(super) fn merge(
    entries: Vec<(String, Node, Loc)>,
    diags: &mut Vec<Diag>,
) -> IndexMap<String, Node> {
    let mut merged = Entries::new();
    for (key, value, loc) in entries {
        if let Some((key, previous)) = merge_value(&mut merged, key, value, loc) {
            let message = format!(
                "Metadata conflict for key `{key}`: its values differ and are not both lists"
            );
            diags.push(Diag::new(loc, None, message).related(previous));
        }
    }
    merged.into_iter().map(|(k, v, _)| (k, v)).collect()
}

//! Which shapes belong to a service: its operations (directly and through resources, nested),
//! their inputs, outputs and errors, the service's errors, and everything their members reach.

use super::{traits, Kind, Model};
use crate::error::{Error, Result};
use std::collections::BTreeSet;

#[derive(Debug, Clone)]
pub struct ServiceClosure {
    pub service: String,
    /// Operation ids, sorted.
    pub operations: BTreeSet<String>,
    /// Data shapes (structures, unions, enums, collections, simple shapes), sorted.
    pub shapes: BTreeSet<String>,
}

impl ServiceClosure {
    /// Picks the service (`wanted`, or the only one) and walks everything it reaches.
    pub fn new(model: &Model, wanted: Option<&str>) -> Result<Self> {
        let service = pick_service(model, wanted)?;
        let mut operations = BTreeSet::new();
        let mut seen_resources = BTreeSet::new();
        let Kind::Service(svc) = &model.expect(&service).kind else { unreachable!() };
        operations.extend(svc.operations.iter().cloned());
        let mut pending: Vec<String> = svc.resources.clone();
        while let Some(id) = pending.pop() {
            if !seen_resources.insert(id.clone()) {
                continue;
            }
            let Kind::Resource(r) = &model.expect(&id).kind else { unreachable!() };
            operations.extend(r.operations.iter().cloned());
            pending.extend(r.resources.iter().cloned());
        }

        let mut shapes = BTreeSet::new();
        let mut pending: Vec<String> = svc.errors.clone();
        for op in &operations {
            let Kind::Operation(o) = &model.expect(op).kind else { unreachable!() };
            pending.extend(o.input.iter().chain(&o.output).chain(&o.errors).cloned());
        }
        while let Some(id) = pending.pop() {
            if id == traits::UNIT || !shapes.insert(id.clone()) {
                continue;
            }
            let shape = model.expect(&id);
            pending.extend(shape.members.iter().map(|m| m.target.clone()));
        }
        shapes.remove(traits::UNIT);
        Ok(ServiceClosure { service, operations, shapes })
    }
}

fn pick_service(model: &Model, wanted: Option<&str>) -> Result<String> {
    let services: Vec<&str> = model.services().map(|s| s.id.as_str()).collect();
    match (wanted, services.as_slice()) {
        (Some(w), _) => {
            let found = services.iter().find(|s| **s == w || super::shape_name(s) == w);
            found.map(|s| s.to_string()).ok_or_else(|| {
                Error::model(format!(
                    "service `{w}` is not in the model (it has: {})",
                    if services.is_empty() { "none".to_string() } else { services.join(", ") }
                ))
            })
        }
        (None, [one]) => Ok(one.to_string()),
        (None, []) => Err(Error::model("the model defines no service shape")),
        (None, many) => Err(Error::model(format!(
            "the model defines several services ({}); choose one with --service",
            many.join(", ")
        ))),
    }
}

//! Builders behave as the AWS SDK for Rust's do, so ported code keeps its meaning: a list
//! member's setter appends one item per call, a map member's inserts one entry, `set_*`
//! replaces the whole collection, and list members read back as slices.

use aws_protocol_tests_restjson::operation::sparse_json_lists::SparseJsonListsInput;
use aws_protocol_tests_restjson::operation::sparse_json_maps::SparseJsonMapsInput;
use mwaa_serverless::operation::create_workflow::CreateWorkflowOutput;
use mwaa_serverless::operation::list_workflows::ListWorkflowsOutput;
use mwaa_serverless::operation::tag_resource::TagResourceInput;
use mwaa_serverless::types::{NetworkConfiguration, WorkflowSummary};
use std::collections::HashMap;

fn tags(entries: &[(&str, &str)]) -> HashMap<String, String> {
    entries.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn list_setter_appends_one_item_per_call() {
    let config = NetworkConfiguration::builder().security_group_ids("sg-1").security_group_ids(String::from("sg-2")).build();
    assert_eq!(config.security_group_ids, Some(vec!["sg-1".to_string(), "sg-2".to_string()]));
    assert_eq!(config.subnet_ids, None);
}

#[test]
fn list_set_replaces_and_clears() {
    let builder = NetworkConfiguration::builder().security_group_ids("sg-1");
    let replaced = builder.clone().set_security_group_ids(Some(vec!["sg-9".into()])).security_group_ids("sg-10").build();
    assert_eq!(replaced.security_group_ids, Some(vec!["sg-9".to_string(), "sg-10".to_string()]));
    assert_eq!(builder.set_security_group_ids(None).build().security_group_ids, None);
    // An empty list set explicitly stays an empty list (sent as `[]`), not an unset member.
    let empty = NetworkConfiguration::builder().set_subnet_ids(Some(Vec::new())).build();
    assert_eq!(empty.subnet_ids, Some(Vec::new()));
}

#[test]
fn map_setter_inserts_one_entry_per_call() {
    let input = TagResourceInput::builder().resource_arn("arn").tags("team", "data").tags(String::from("env"), "prod").build().unwrap();
    assert_eq!(input.tags, Some(tags(&[("team", "data"), ("env", "prod")])));
    // A key given twice keeps its last value, as `HashMap::insert` does.
    let input = TagResourceInput::builder().resource_arn("arn").tags("team", "a").tags("team", "b").build().unwrap();
    assert_eq!(input.tags, Some(tags(&[("team", "b")])));
}

#[test]
fn map_set_replaces_and_clears() {
    let builder = TagResourceInput::builder().resource_arn("arn").tags("team", "data");
    let replaced = builder.clone().set_tags(Some(tags(&[("env", "prod")]))).tags("owner", "me").build().unwrap();
    assert_eq!(replaced.tags, Some(tags(&[("env", "prod"), ("owner", "me")])));
    // `Tags` is required: cleared, it is missing again.
    assert_eq!(builder.set_tags(None).build().unwrap_err().missing_members(), ["Tags"]);
}

#[test]
fn fluent_builders_append_and_insert_like_type_builders() {
    let client = mwaa_serverless::Client::new(mwaa_serverless::Config::builder().region("us-east-1").build());
    let untag = client.untag_resource().resource_arn("arn").tag_keys("a").tag_keys("b");
    assert_eq!(untag.as_input().clone().build().unwrap().tag_keys, Some(vec!["a".to_string(), "b".to_string()]));
    let untag = untag.set_tag_keys(Some(vec!["c".into()]));
    assert_eq!(untag.as_input().clone().build().unwrap().tag_keys, Some(vec!["c".to_string()]));
    let tag = client.tag_resource().resource_arn("arn").tags("k1", "v1").tags("k2", "v2");
    assert_eq!(tag.as_input().clone().build().unwrap().tags, Some(tags(&[("k1", "v1"), ("k2", "v2")])));
}

#[test]
fn sparse_collections_take_each_element_as_an_option() {
    let input = SparseJsonListsInput::builder().sparse_string_list(Some("a".to_string())).sparse_string_list(None).build();
    assert_eq!(input.sparse_string_list, Some(vec![Some("a".to_string()), None]));
    let input = SparseJsonMapsInput::builder().sparse_number_map("one", Some(1)).sparse_number_map("none", None).build();
    assert_eq!(input.sparse_number_map, Some(HashMap::from([("one".to_string(), Some(1)), ("none".to_string(), None)])));
}

#[test]
fn list_accessors_are_slices_empty_when_unset() {
    let output = CreateWorkflowOutput::default();
    assert_eq!(output.warnings, None);
    assert!(output.warnings().is_empty());
    let output = CreateWorkflowOutput::builder().workflow_arn("arn").warnings("w1").warnings("w2").build().unwrap();
    assert_eq!(output.warnings(), ["w1", "w2"]);
    // A required list is a plain `Vec`; its accessor is the same slice.
    let listed = ListWorkflowsOutput::builder().workflows(WorkflowSummary::default()).build().unwrap();
    assert_eq!(listed.workflows().len(), 1);
    let sparse = SparseJsonListsInput::builder().sparse_short_list(None).build();
    assert_eq!(sparse.sparse_short_list(), [None]);
    assert!(sparse.sparse_string_list().is_empty());
}

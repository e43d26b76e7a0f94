package mlcomply.gcp.retention.personal_data_test

import data.mlcomply.gcp.retention.personal_data as rule
import rego.v1

_count(cfg) := n if {
	b := {"address": "google_storage_bucket.b", "type": "google_storage_bucket", "mode": "managed", "config": cfg}
	n := count(rule.deny) with input as {"content": {"resources": [b]}}
}

test_labelled_bucket_without_delete_denied if {
	_count({"name": "x", "labels": {"pii": "true"}}) == 1
	_count({"name": "x", "labels": {"pii": "true"}, "lifecycle_rule": [{"action": [{"type": "SetStorageClass"}]}]}) == 1
}

test_delete_rule_unknown_or_unmarked_passes if {
	_count({"name": "x", "labels": {"pii": "true"}, "lifecycle_rule": [{"action": [{"type": "Delete"}], "condition": [{"age": 30}]}]}) == 0
	_count({"name": "x", "labels": {"pii": "true"}, "lifecycle_rule": {"__unknown__": "var.rules"}}) == 0
	_count({"name": "x", "labels": {"team": "ml"}}) == 0
}

package mlcomply.gcp.bigquery.public_test

import data.mlcomply.gcp.bigquery.public as rule
import rego.v1

_r(type_name, config) := {"address": sprintf("%s.x", [type_name]), "type": type_name, "mode": "managed", "config": config}

_denied(rs) := found if {
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": rs}}
}

test_public_access_denied if {
	rs := [
		_r("google_bigquery_dataset", {"access": [{"role": "OWNER", "user_by_email": "a@example.com"}, {"role": "READER", "special_group": "allAuthenticatedUsers"}]}),
		_r("google_bigquery_dataset_access", {"role": "READER", "iam_member": "allUsers"}),
		_r("google_bigquery_table_iam_member", {"member": "allUsers", "role": "roles/bigquery.dataViewer"}),
		_r("google_bigquery_dataset_iam_binding", {"members": ["allAuthenticatedUsers"], "role": "roles/bigquery.dataViewer"}),
	]
	_denied(rs) == {"google_bigquery_dataset.x", "google_bigquery_dataset_access.x", "google_bigquery_table_iam_member.x", "google_bigquery_dataset_iam_binding.x"}
}

test_named_access_passes if {
	rs := [
		_r("google_bigquery_dataset", {"access": [{"role": "READER", "special_group": "projectReaders"}]}),
		_r("google_bigquery_dataset_iam_member", {"member": "group:ml@example.com"}),
	]
	_denied(rs) == set()
}

test_unknown_passes if {
	rs := [
		_r("google_bigquery_dataset", {"access": [{"role": "READER", "iam_member": {"__unknown__": "var.m"}}]}),
		_r("google_bigquery_table_iam_member", {"member": {"__unknown__": "var.m"}}),
	]
	_denied(rs) == set()
}

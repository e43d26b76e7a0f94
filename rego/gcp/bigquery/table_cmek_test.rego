package mlcomply.gcp.bigquery.table_cmek_test

import data.mlcomply.gcp.bigquery.table_cmek as rule
import rego.v1

_ds(cfg) := {"address": "google_bigquery_dataset.d", "type": "google_bigquery_dataset", "mode": "managed", "config": object.union({"dataset_id": "features"}, cfg)}

_t(cfg) := {"address": "google_bigquery_table.t", "type": "google_bigquery_table", "mode": "managed", "config": object.union({"dataset_id": "google_bigquery_dataset.d"}, cfg)}

_denied(rs) := found if {
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": rs}}
}

test_table_in_dataset_without_key_denied if {
	_denied([_ds({}), _t({})]) == {"google_bigquery_table.t"}
	_denied([_ds({}), _t({"dataset_id": "features"})]) == {"google_bigquery_table.t"}
}

test_table_key_or_dataset_default_passes if {
	_denied([_ds({}), _t({"encryption_configuration": [{"kms_key_name": "k"}]})]) == set()
	_denied([_ds({"default_encryption_configuration": [{"kms_key_name": "k"}]}), _t({})]) == set()
}

test_unknown_or_foreign_dataset_passes if {
	_denied([_ds({}), _t({"dataset_id": {"__unknown__": "var.ds"}})]) == set()
	_denied([_t({"dataset_id": "elsewhere"})]) == set()
	_denied([_ds({}), _t({"encryption_configuration": [{"kms_key_name": {"__unknown__": "var.k"}}]})]) == set()
}

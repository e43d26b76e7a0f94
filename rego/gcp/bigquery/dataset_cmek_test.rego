package mlcomply.gcp.bigquery.dataset_cmek_test

import data.mlcomply.gcp.bigquery.dataset_cmek as rule
import rego.v1

_denied(cfg) := found if {
	ds := {"address": "google_bigquery_dataset.d", "type": "google_bigquery_dataset", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [ds]}}
}

test_missing_key_denied if {
	_denied({"dataset_id": "features"}) == {"google_bigquery_dataset.d"}
}

test_key_passes if {
	_denied({"default_encryption_configuration": [{"kms_key_name": "google_kms_crypto_key.k"}]}) == set()
}

test_unknown_passes if {
	_denied({"default_encryption_configuration": [{"kms_key_name": {"__unknown__": "var.k"}}]}) == set()
}

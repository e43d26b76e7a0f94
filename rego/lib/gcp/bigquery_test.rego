package lib.gcp.bigquery_test

import data.lib.gcp.bigquery
import rego.v1

test_dataset_cmek if {
	bigquery.dataset_cmek({"config": {"default_encryption_configuration": [{"kms_key_name": "k"}]}})
	bigquery.dataset_cmek({"config": {"default_encryption_configuration": {"__unknown__": "dynamic"}}})
	not bigquery.dataset_cmek({"config": {}})
}

test_dataset_refs if {
	plain := {"address": "google_bigquery_dataset.d", "type": "google_bigquery_dataset", "mode": "managed", "config": {"dataset_id": "features"}}
	keyed := {"address": "google_bigquery_dataset.k", "type": "google_bigquery_dataset", "mode": "managed", "config": {"dataset_id": "secure", "default_encryption_configuration": [{"kms_key_name": "k"}]}}
	inp := {"content": {"resources": [plain, keyed]}}
	bigquery.dataset_refs(false) == {"google_bigquery_dataset.d", "features"} with input as inp
	bigquery.dataset_refs(true) == {"google_bigquery_dataset.k", "secure"} with input as inp
}

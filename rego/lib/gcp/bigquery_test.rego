package lib.gcp.bigquery_test

import data.lib.gcp.bigquery
import rego.v1

test_dataset_cmek if {
	bigquery.dataset_cmek({"config": {"default_encryption_configuration": [{"kms_key_name": "k"}]}})
	bigquery.dataset_cmek({"config": {"default_encryption_configuration": {"__unknown__": "dynamic"}}})
	not bigquery.dataset_cmek({"config": {}})
}

test_datasets_of if {
	ds := {"address": "google_bigquery_dataset.d", "type": "google_bigquery_dataset", "mode": "managed", "config": {"dataset_id": "features"}}
	found := bigquery.datasets_of({"config": {"dataset_id": "features"}}) with input as {"content": {"resources": [ds]}}
	found == [ds]
	by_ref := bigquery.datasets_of({"config": {"dataset_id": "google_bigquery_dataset.d"}}) with input as {"content": {"resources": [ds]}}
	by_ref == [ds]
	none := bigquery.datasets_of({"config": {"dataset_id": "other"}}) with input as {"content": {"resources": [ds]}}
	none == []
}

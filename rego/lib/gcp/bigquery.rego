# METADATA
# title: BigQuery helpers
# description: Dataset default encryption, and the dataset a table belongs to.
# custom:
#   library: true
package lib.gcp.bigquery

import data.lib.config
import data.lib.terraform
import rego.v1

# The dataset has (or may have) a default customer-managed key for new tables.
dataset_cmek(ds) if {
	some e in config.blocks(ds.config, "default_encryption_configuration")
	config.is_set(e, "kms_key_name")
}

dataset_cmek(ds) if config.block_unknown(ds.config, "default_encryption_configuration")

# The datasets of this configuration that table `t` is in (by reference or dataset_id).
datasets_of(t) := [ds |
	some ds in terraform.resources("google_bigquery_dataset")
	terraform.refers_to(t.config.dataset_id, ds, "dataset_id")
]

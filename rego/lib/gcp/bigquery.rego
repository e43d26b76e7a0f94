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

# The references (address and dataset_id) of the datasets declared here, split by whether
# they have a default customer-managed key: build once per rule, join per table.
dataset_refs(with_cmek) := {x |
	some ds in terraform.resources("google_bigquery_dataset")
	_cmek_is(ds, with_cmek)
	some x in [ds.address, object.get(ds.config, "dataset_id", null)]
	is_string(x)
}

_cmek_is(ds, true) if dataset_cmek(ds)

_cmek_is(ds, false) if not dataset_cmek(ds)

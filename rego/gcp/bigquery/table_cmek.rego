# METADATA
# title: BigQuery table without a customer-managed key
# description: >-
#   The table has no encryption_configuration with kms_key_name and its dataset, declared in
#   the same configuration, has no default customer-managed key. Tables of datasets this
#   configuration does not declare are not reported: their default is unknown.
# custom:
#   id: MLC-GCP-BIGQUERY-002
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: >-
#     Add encryption_configuration { kms_key_name } to the table, or a
#     default_encryption_configuration to its dataset.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_GCP_80]
#   references:
#     - https://cloud.google.com/bigquery/docs/customer-managed-encryption
package mlcomply.gcp.bigquery.table_cmek

import data.lib.config
import data.lib.gcp.bigquery
import data.lib.result
import data.lib.terraform
import rego.v1

_own_key(t) if {
	some e in config.blocks(t.config, "encryption_configuration")
	config.is_set(e, "kms_key_name")
}

_own_key(t) if config.block_unknown(t.config, "encryption_configuration")

_plain := bigquery.dataset_refs(false)

_keyed := bigquery.dataset_refs(true)

deny contains res if {
	some t in terraform.resources("google_bigquery_table")
	not _own_key(t)
	t.config.dataset_id in _plain
	not t.config.dataset_id in _keyed
	res := result.resource(sprintf("BigQuery table %s is not encrypted with a customer-managed key", [t.address]), t)
}

# METADATA
# title: BigQuery dataset without a default customer-managed key
# description: >-
#   The dataset has no default_encryption_configuration with kms_key_name: its tables
#   (training sets, feature tables, prediction logs) are encrypted with Google-managed keys.
# custom:
#   id: MLC-GCP-BIGQUERY-001
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: Add default_encryption_configuration { kms_key_name = google_kms_crypto_key.<key>.id }.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_GCP_81]
#   references:
#     - https://cloud.google.com/bigquery/docs/customer-managed-encryption
package mlcomply.gcp.bigquery.dataset_cmek

import data.lib.gcp.bigquery
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some ds in terraform.resources("google_bigquery_dataset")
	not bigquery.dataset_cmek(ds)
	res := result.resource(sprintf("BigQuery dataset %s has no default customer-managed key", [ds.address]), ds)
}

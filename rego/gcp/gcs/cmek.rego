# METADATA
# title: GCS bucket without a customer-managed encryption key
# description: >-
#   The bucket has no encryption block with default_kms_key_name, so objects are encrypted
#   with Google-managed keys: the customer cannot revoke access to training data or model
#   artifacts by disabling a key, nor audit its use.
# custom:
#   id: MLC-GCP-GCS-003
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: Add encryption { default_kms_key_name = google_kms_crypto_key.<key>.id }.
#   input_kinds: [terraform]
#   references:
#     - https://cloud.google.com/storage/docs/encryption/customer-managed-keys
package mlcomply.gcp.gcs.cmek

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_cmek(b) if {
	some e in config.blocks(b.config, "encryption")
	config.is_set(e, "default_kms_key_name")
}

_cmek(b) if config.block_unknown(b.config, "encryption")

deny contains res if {
	some b in terraform.resources("google_storage_bucket")
	not _cmek(b)
	res := result.resource(sprintf("GCS bucket %s is not encrypted with a customer-managed key", [b.address]), b)
}

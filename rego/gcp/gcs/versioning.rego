# METADATA
# title: GCS bucket without object versioning
# description: >-
#   The bucket has no versioning block with enabled = true (off by default): an overwritten
#   or deleted dataset or model file cannot be recovered or rolled back.
# custom:
#   id: MLC-GCP-GCS-005
#   severity: low
#   profile: strict
#   category: data-integrity
#   nist_ai_rmf: [MEASURE 2.7, MANAGE 2.4]
#   atlas: [AML.T0020, AML.T0059]
#   remediation: Add versioning { enabled = true } (and lifecycle rules for noncurrent versions).
#   input_kinds: [terraform]
#   checkov_ids: [CKV_GCP_78]
#   references:
#     - https://cloud.google.com/storage/docs/object-versioning
package mlcomply.gcp.gcs.versioning

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_versioned(b) if {
	some v in config.blocks(b.config, "versioning")
	not config.is_false(config.value(v, "enabled", false))
}

_versioned(b) if config.block_unknown(b.config, "versioning")

deny contains res if {
	some b in terraform.resources("google_storage_bucket")
	not _versioned(b)
	res := result.resource(sprintf("GCS bucket %s does not keep object versions", [b.address]), b)
}

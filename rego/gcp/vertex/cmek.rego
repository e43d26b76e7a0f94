# METADATA
# title: Vertex AI resource without a customer-managed encryption key
# description: >-
#   A Vertex AI dataset, endpoint, featurestore, tensorboard or metadata store has no
#   encryption_spec with kms_key_name, so training data, features, experiment logs and
#   deployed models are encrypted with Google-managed keys only.
# custom:
#   id: MLC-GCP-VERTEX-003
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: Add encryption_spec { kms_key_name = google_kms_crypto_key.<key>.id } (set at creation).
#   input_kinds: [terraform]
#   checkov_ids: [CKV_GCP_92, CKV_GCP_96, CKV2_GCP_24, CKV2_GCP_25, CKV2_GCP_26]
#   references:
#     - https://cloud.google.com/vertex-ai/docs/general/cmek
package mlcomply.gcp.vertex.cmek

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_types := [
	"google_vertex_ai_dataset",
	"google_vertex_ai_endpoint",
	"google_vertex_ai_featurestore",
	"google_vertex_ai_metadata_store",
	"google_vertex_ai_tensorboard",
]

_cmek(r) if {
	some spec in config.blocks(r.config, "encryption_spec")
	config.is_set(spec, "kms_key_name")
}

_cmek(r) if config.block_unknown(r.config, "encryption_spec")

deny contains res if {
	some type_name in _types
	some r in terraform.resources(type_name)
	not _cmek(r)
	res := result.resource(sprintf("%s is not encrypted with a customer-managed key", [r.address]), r)
}

# METADATA
# title: Artifact Registry repository without a customer-managed key
# description: >-
#   A google_artifact_registry_repository has no kms_key_name: training and serving images,
#   and any model packages stored in the repository, are encrypted with Google-managed keys
#   only.
# custom:
#   id: MLC-GCP-ARTIFACTREGISTRY-001
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: Set kms_key_name = google_kms_crypto_key.<key>.id (set at creation; grant the Artifact Registry service agent the encrypter/decrypter role).
#   input_kinds: [terraform]
#   checkov_ids: [CKV_GCP_84]
#   references:
#     - https://cloud.google.com/artifact-registry/docs/cmek
package mlcomply.gcp.artifactregistry.cmek

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some r in terraform.resources("google_artifact_registry_repository")
	not config.is_set(r.config, "kms_key_name")
	res := result.resource(sprintf("Artifact Registry repository %s is not encrypted with a customer-managed key", [r.address]), r)
}

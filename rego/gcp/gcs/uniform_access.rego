# METADATA
# title: GCS bucket without uniform bucket-level access
# description: >-
#   uniform_bucket_level_access is unset or false (the provider default is false): object ACLs
#   stay in force next to IAM, so a single object (a dataset shard, a model file) can be made
#   public or shared outside the bucket's IAM policy.
# custom:
#   id: MLC-GCP-GCS-001
#   severity: medium
#   category: public-access
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0035, AML.T0025]
#   remediation: Set uniform_bucket_level_access = true on the google_storage_bucket.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_GCP_29]
#   references:
#     - https://cloud.google.com/storage/docs/uniform-bucket-level-access
package mlcomply.gcp.gcs.uniform_access

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some b in terraform.resources("google_storage_bucket")
	config.is_false(config.value(b.config, "uniform_bucket_level_access", false))
	res := result.resource(sprintf("GCS bucket %s does not enforce uniform bucket-level access", [b.address]), b)
}

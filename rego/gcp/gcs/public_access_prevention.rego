# METADATA
# title: GCS bucket without enforced public access prevention
# description: >-
#   public_access_prevention is "inherited" or unset (the default follows the organization
#   policy, which is often not set): nothing on the bucket itself stops an IAM binding or ACL
#   from making datasets or model artifacts public.
# custom:
#   id: MLC-GCP-GCS-004
#   severity: medium
#   category: public-access
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0025]
#   remediation: Set public_access_prevention = "enforced" on the google_storage_bucket.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_GCP_114]
#   references:
#     - https://cloud.google.com/storage/docs/public-access-prevention
package mlcomply.gcp.gcs.public_access_prevention

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some b in terraform.resources("google_storage_bucket")
	value := config.value(b.config, "public_access_prevention", "inherited")
	not terraform.is_unknown(value)
	value != "enforced"
	res := result.resource(sprintf("GCS bucket %s does not enforce public access prevention", [b.address]), b)
}

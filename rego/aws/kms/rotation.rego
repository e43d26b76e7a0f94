# METADATA
# title: KMS key without automatic rotation
# description: >-
#   A symmetric customer-managed KMS key (the kind that encrypts datasets, feature stores
#   and model artifacts) leaves enable_key_rotation unset or false (the provider default).
#   Asymmetric and HMAC keys cannot rotate automatically and are not reported.
# custom:
#   id: MLC-AWS-KMS-001
#   severity: medium
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas_none: "key rotation bounds the exposure of a leaked key; ATLAS names no technique for key compromise"
#   remediation: Set enable_key_rotation = true (optionally rotation_period_in_days) on the key.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_7]
#   references:
#     - https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
#     - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/kms_key
package mlcomply.aws.kms.rotation

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some key in terraform.resources("aws_kms_key")
	config.value(key.config, "customer_master_key_spec", "SYMMETRIC_DEFAULT") == "SYMMETRIC_DEFAULT"
	config.is_false(config.value(key.config, "enable_key_rotation", false))
	res := result.resource(sprintf("KMS key %s does not rotate automatically", [key.address]), key)
}

# METADATA
# title: SSM SecureString parameter without a customer-managed KMS key
# description: >-
#   A SecureString parameter without key_id (or with alias/aws/ssm) is encrypted with the AWS-
#   managed key: every principal with ssm:GetParameter in the account can decrypt it, with no
#   key policy of the customer's in between.
# custom:
#   id: MLC-AWS-SSM-002
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0055]
#   remediation: "Set key_id to a customer-managed aws_kms_key whose key policy names the roles that read the parameter."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_337]
#   references:
#     - https://docs.aws.amazon.com/kms/latest/developerguide/services-parameter-store.html
package mlcomply.aws.ssm.kms

import data.lib.aws.kms
import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some r in terraform.resources("aws_ssm_parameter")
	r.config.type == "SecureString"
	not kms.customer_managed(r.config, "key_id")
	res := result.resource(sprintf("SSM parameter %s is not encrypted with a customer-managed KMS key", [r.address]), r)
}

# METADATA
# title: Secrets Manager secret without a customer-managed KMS key
# description: >-
#   kms_key_id is unset (or alias/aws/secretsmanager): the secret (model provider API keys,
#   database passwords of feature and vector stores) is encrypted with the AWS-managed key,
#   which cannot be shared across accounts or restricted by a key policy.
# custom:
#   id: MLC-AWS-SECRETSMANAGER-001
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0055]
#   remediation: "Set kms_key_id to a customer-managed aws_kms_key."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_149]
#   references:
#     - https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html
package mlcomply.aws.secretsmanager.kms

import data.lib.aws.kms
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some r in terraform.resources("aws_secretsmanager_secret")
	not kms.customer_managed(r.config, "kms_key_id")
	res := result.resource(sprintf("Secrets Manager secret %s is not encrypted with a customer-managed KMS key", [r.address]), r)
}

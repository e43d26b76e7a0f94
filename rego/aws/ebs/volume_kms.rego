# METADATA
# title: EBS volume without a customer-managed KMS key
# description: >-
#   kms_key_id is unset (or alias/aws/ebs): the volume holding datasets, checkpoints or a
#   model cache is encrypted, if at all, with the AWS-managed EBS key, whose policy the
#   customer cannot restrict and whose snapshots cannot be shared across accounts.
# custom:
#   id: MLC-AWS-EBS-003
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: "Set encrypted = true and kms_key_id to a customer-managed aws_kms_key."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_189]
#   references:
#     - https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
package mlcomply.aws.ebs.volume_kms

import data.lib.aws.kms
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some r in terraform.resources("aws_ebs_volume")
	not kms.customer_managed(r.config, "kms_key_id")
	res := result.resource(sprintf("EBS volume %s is not encrypted with a customer-managed KMS key", [r.address]), r)
}

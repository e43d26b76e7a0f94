# METADATA
# title: EFS file system without a customer-managed KMS key
# description: >-
#   kms_key_id is unset (or alias/aws/elasticfilesystem): the shared file system of training
#   data, notebooks (SageMaker Studio home directories) or model files is encrypted with the
#   AWS-managed key, if at all.
# custom:
#   id: MLC-AWS-EFS-002
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: "Set encrypted = true and kms_key_id to a customer-managed aws_kms_key."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_184]
#   references:
#     - https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html
package mlcomply.aws.efs.kms

import data.lib.aws.kms
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some r in terraform.resources("aws_efs_file_system")
	not kms.customer_managed(r.config, "kms_key_id")
	res := result.resource(sprintf("EFS file system %s is not encrypted with a customer-managed KMS key", [r.address]), r)
}

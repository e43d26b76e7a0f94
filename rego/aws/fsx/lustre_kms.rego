# METADATA
# title: FSx for Lustre file system without a customer-managed KMS key
# description: >-
#   kms_key_id is unset: the scratch or persistent Lustre file system that feeds training data
#   to GPU instances is encrypted with the AWS-managed FSx key.
# custom:
#   id: MLC-AWS-FSX-001
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: "Set kms_key_id to a customer-managed aws_kms_key (persistent deployment types)."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_190]
#   references:
#     - https://docs.aws.amazon.com/fsx/latest/LustreGuide/encryption-at-rest.html
package mlcomply.aws.fsx.lustre_kms

import data.lib.aws.kms
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some r in terraform.resources("aws_fsx_lustre_file_system")
	not kms.customer_managed(r.config, "kms_key_id")
	res := result.resource(sprintf("FSx for Lustre file system %s is not encrypted with a customer-managed KMS key", [r.address]), r)
}

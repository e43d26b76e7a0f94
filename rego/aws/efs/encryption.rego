# METADATA
# title: EFS file system not encrypted
# description: >-
#   encrypted is unset or false (the provider default is false) on an aws_efs_file_system,
#   often the shared dataset or checkpoint store of a training cluster or SageMaker Studio.
# custom:
#   id: MLC-AWS-EFS-001
#   severity: high
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: Set encrypted = true and kms_key_id to a customer-managed key (requires a new file system).
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_42]
#   references:
#     - https://docs.aws.amazon.com/efs/latest/ug/encryption.html
package mlcomply.aws.efs.encryption

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some fs in terraform.resources("aws_efs_file_system")
	config.is_false(config.value(fs.config, "encrypted", false))
	res := result.resource(sprintf("EFS file system %s is not encrypted", [fs.address]), fs)
}

# METADATA
# title: EBS volume not encrypted
# description: >-
#   An aws_ebs_volume has encrypted unset or false (the provider default is false), is not
#   created from a snapshot, and no aws_ebs_encryption_by_default in the configuration turns
#   on account-level encryption: training data and checkpoints on it are stored in clear.
# custom:
#   id: MLC-AWS-EBS-001
#   severity: high
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: Set encrypted = true (and kms_key_id), or enable aws_ebs_encryption_by_default.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_3]
#   references:
#     - https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
package mlcomply.aws.ebs.volume_encryption

import data.lib.aws.ebs
import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	not ebs.encrypted_by_default
	some v in terraform.resources("aws_ebs_volume")
	not config.has(v.config, "snapshot_id")
	config.is_false(config.value(v.config, "encrypted", false))
	res := result.resource(sprintf("EBS volume %s is not encrypted", [v.address]), v)
}

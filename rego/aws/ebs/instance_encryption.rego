# METADATA
# title: EC2 instance block devices not encrypted
# description: >-
#   An aws_instance (a training or GPU host) has no root_block_device (the root volume then
#   follows the AMI, unencrypted unless the AMI's snapshot is), or a root_block_device or
#   ebs_block_device with encrypted unset or false and no snapshot_id, and no
#   aws_ebs_encryption_by_default in the configuration.
# custom:
#   id: MLC-AWS-EBS-002
#   severity: medium
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: >-
#     Declare root_block_device { encrypted = true } and encrypted = true on every
#     ebs_block_device, or enable aws_ebs_encryption_by_default for the account.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_8]
#   references:
#     - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/instance#ebs-ephemeral-and-root-block-devices
package mlcomply.aws.ebs.instance_encryption

import data.lib.aws.ebs
import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_unencrypted(device) if {
	not config.has(device, "snapshot_id")
	config.is_false(config.value(device, "encrypted", false))
}

_problems(i) := {"has no root_block_device, so its root volume is not encrypted" |
	count(config.blocks(i.config, "root_block_device")) == 0
	not config.block_unknown(i.config, "root_block_device")
} | {sprintf("has an unencrypted %s", [kind]) |
	some kind in ["root_block_device", "ebs_block_device"]
	some device in config.blocks(i.config, kind)
	_unencrypted(device)
}

deny contains res if {
	not ebs.encrypted_by_default
	some i in terraform.resources("aws_instance")
	some problem in _problems(i)
	res := result.resource(sprintf("EC2 instance %s %s", [i.address, problem]), i)
}

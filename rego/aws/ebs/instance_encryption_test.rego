package mlcomply.aws.ebs.instance_encryption_test

import data.mlcomply.aws.ebs.instance_encryption as rule
import rego.v1

_msgs(cfg) := found if {
	i := {"address": "aws_instance.gpu", "type": "aws_instance", "mode": "managed", "config": cfg}
	found := {r.msg | some r in rule.deny} with input as {"content": {"resources": [i]}}
}

test_missing_root_block_denied if {
	_msgs({"ami": "ami-1"}) == {"EC2 instance aws_instance.gpu has no root_block_device, so its root volume is not encrypted"}
}

test_unencrypted_devices_denied if {
	cfg := {"root_block_device": [{"volume_size": 100}], "ebs_block_device": [{"device_name": "/dev/sdf", "encrypted": false}]}
	_msgs(cfg) == {
		"EC2 instance aws_instance.gpu has an unencrypted root_block_device",
		"EC2 instance aws_instance.gpu has an unencrypted ebs_block_device",
	}
}

test_encrypted_devices_pass if {
	cfg := {"root_block_device": [{"encrypted": true}], "ebs_block_device": [{"snapshot_id": "snap-1"}, {"encrypted": "true"}]}
	_msgs(cfg) == set()
}

test_unknown_passes if {
	_msgs({"root_block_device": [{"encrypted": {"__unknown__": "var.e"}}]}) == set()
	_msgs({"root_block_device": {"__unknown__": "dynamic"}}) == set()
}

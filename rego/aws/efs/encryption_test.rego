package mlcomply.aws.efs.encryption_test

import data.mlcomply.aws.efs.encryption as rule
import rego.v1

_denied(cfg) := found if {
	fs := {"address": "aws_efs_file_system.f", "type": "aws_efs_file_system", "mode": "managed", "config": cfg}
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": [fs]}}
}

test_default_and_false_denied if {
	_denied({}) == {"aws_efs_file_system.f"}
	_denied({"encrypted": false}) == {"aws_efs_file_system.f"}
}

test_encrypted_passes if {
	_denied({"encrypted": true}) == set()
}

test_unknown_passes if {
	_denied({"encrypted": {"__unknown__": "var.e"}}) == set()
}

package mlcomply.aws.kms.rotation_test

import data.mlcomply.aws.kms.rotation
import rego.v1

_key(cfg) := {"address": "aws_kms_key.k", "type": "aws_kms_key", "mode": "managed", "config": cfg}

_denied(cfg) := found if {
	found := {r.address | some r in rotation.deny} with input as {"content": {"resources": [_key(cfg)]}}
}

test_default_and_false_denied if {
	_denied({}) == {"aws_kms_key.k"}
	_denied({"enable_key_rotation": false, "customer_master_key_spec": "SYMMETRIC_DEFAULT"}) == {"aws_kms_key.k"}
}

test_rotation_on_or_asymmetric_passes if {
	_denied({"enable_key_rotation": true}) == set()
	_denied({"customer_master_key_spec": "RSA_2048"}) == set()
}

test_unknown_passes if {
	_denied({"enable_key_rotation": {"__unknown__": "var.rotate"}}) == set()
	_denied({"customer_master_key_spec": {"__unknown__": "var.spec"}}) == set()
}

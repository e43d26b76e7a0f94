package mlcomply.aws.ebs.volume_encryption_test

import data.mlcomply.aws.ebs.volume_encryption as rule
import rego.v1

_vol(cfg) := {"address": "aws_ebs_volume.v", "type": "aws_ebs_volume", "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_unencrypted_denied if {
	_denied([_vol({"size": 100})]) == {"aws_ebs_volume.v"}
	_denied([_vol({"encrypted": false})]) == {"aws_ebs_volume.v"}
}

test_encrypted_snapshot_or_account_default_passes if {
	_denied([_vol({"encrypted": true})]) == set()
	_denied([_vol({"snapshot_id": "snap-1"})]) == set()
	d := {"address": "aws_ebs_encryption_by_default.d", "type": "aws_ebs_encryption_by_default", "mode": "managed", "config": {"enabled": true}}
	_denied([_vol({}), d]) == set()
}

test_unknown_passes if {
	_denied([_vol({"encrypted": {"__unknown__": "var.encrypted"}})]) == set()
}

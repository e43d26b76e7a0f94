package lib.aws.ebs_test

import data.lib.aws.ebs
import rego.v1

_with(cfg) := {"content": {"resources": [{"address": "aws_ebs_encryption_by_default.d", "type": "aws_ebs_encryption_by_default", "mode": "managed", "config": cfg}]}}

test_default_encryption if {
	ebs.encrypted_by_default with input as _with({})
	ebs.encrypted_by_default with input as _with({"enabled": {"__unknown__": "var.e"}})
	not ebs.encrypted_by_default with input as _with({"enabled": false})
	not ebs.encrypted_by_default with input as {"content": {"resources": []}}
}

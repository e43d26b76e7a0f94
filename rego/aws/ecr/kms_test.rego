package mlcomply.aws.ecr.kms_test

import data.mlcomply.aws.ecr.kms as rule
import rego.v1

_denied(cfg) := found if {
	repo := {"address": "aws_ecr_repository.r", "type": "aws_ecr_repository", "mode": "managed", "config": cfg}
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": [repo]}}
}

test_default_and_aes_denied if {
	_denied({}) == {"aws_ecr_repository.r"}
	_denied({"encryption_configuration": [{"encryption_type": "AES256"}]}) == {"aws_ecr_repository.r"}
}

test_kms_passes if {
	_denied({"encryption_configuration": [{"encryption_type": "KMS", "kms_key": "aws_kms_key.k"}]}) == set()
}

test_unknown_passes if {
	_denied({"encryption_configuration": [{"encryption_type": {"__unknown__": "var.t"}}]}) == set()
}

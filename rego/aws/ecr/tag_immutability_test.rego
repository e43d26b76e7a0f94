package mlcomply.aws.ecr.tag_immutability_test

import data.mlcomply.aws.ecr.tag_immutability as rule
import rego.v1

_denied(cfg) := found if {
	repo := {"address": "aws_ecr_repository.r", "type": "aws_ecr_repository", "mode": "managed", "config": cfg}
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": [repo]}}
}

test_default_and_mutable_denied if {
	_denied({}) == {"aws_ecr_repository.r"}
	_denied({"image_tag_mutability": "MUTABLE"}) == {"aws_ecr_repository.r"}
}

test_immutable_passes if {
	_denied({"image_tag_mutability": "IMMUTABLE"}) == set()
}

test_unknown_passes if {
	_denied({"image_tag_mutability": {"__unknown__": "var.m"}}) == set()
}

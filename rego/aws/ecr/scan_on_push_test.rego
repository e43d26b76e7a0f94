package mlcomply.aws.ecr.scan_on_push_test

import data.mlcomply.aws.ecr.scan_on_push as rule
import rego.v1

_repo(cfg) := {"address": "aws_ecr_repository.r", "type": "aws_ecr_repository", "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_missing_or_off_denied if {
	_denied([_repo({})]) == {"aws_ecr_repository.r"}
	_denied([_repo({"image_scanning_configuration": [{"scan_on_push": false}]})]) == {"aws_ecr_repository.r"}
	_denied([_repo({"image_scanning_configuration": [{}]})]) == {"aws_ecr_repository.r"}
}

test_scan_on_push_or_registry_scanning_passes if {
	_denied([_repo({"image_scanning_configuration": [{"scan_on_push": true}]})]) == set()
	reg := {"address": "aws_ecr_registry_scanning_configuration.s", "type": "aws_ecr_registry_scanning_configuration", "mode": "managed", "config": {"scan_type": "ENHANCED"}}
	_denied([_repo({}), reg]) == set()
}

test_unknown_passes if {
	_denied([_repo({"image_scanning_configuration": [{"scan_on_push": {"__unknown__": "var.scan"}}]})]) == set()
}

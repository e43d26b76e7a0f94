package mlcomply.aws.codebuild.kms_test

import data.mlcomply.aws.codebuild.kms as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_missing_or_aws_managed_key_denied if {
	_denied([_r("aws_codebuild_project", {"artifacts": [{"type": "S3"}]})]) == {"aws_codebuild_project.t"}
	_denied([_r("aws_codebuild_project", {"artifacts": [{"type": "S3"}], "encryption_key": "alias/aws/codebuild"})]) == {"aws_codebuild_project.t"}
}

test_customer_key_passes if {
	_denied([_r("aws_codebuild_project", {"artifacts": [{"type": "S3"}], "encryption_key": "aws_kms_key.k"})]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_codebuild_project", {"artifacts": [{"type": "S3"}], "encryption_key": {"__unknown__": "var.key"}})]) == set()
}

package mlcomply.aws.codebuild.artifacts_unencrypted_test

import data.mlcomply.aws.codebuild.artifacts_unencrypted as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_disabled_denied if {
	_denied([_r("aws_codebuild_project", {"artifacts": [{"type": "S3", "encryption_disabled": true}]})]) == {"aws_codebuild_project.t"}
}

test_default_passes if {
	_denied([_r("aws_codebuild_project", {"artifacts": [{"type": "S3"}]})]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_codebuild_project", {"artifacts": [{"type": "S3", "encryption_disabled": {"__unknown__": "var.d"}}]})]) == set()
}

package mlcomply.aws.eks.secrets_encryption_test

import data.mlcomply.aws.eks.secrets_encryption as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_no_encryption_config_denied if {
	_denied([_r("aws_eks_cluster", {})]) == {"aws_eks_cluster.t"}
}

test_secrets_encrypted_passes if {
	_denied([_r("aws_eks_cluster", {"encryption_config": [{"resources": ["secrets"], "provider": [{"key_arn": "k"}]}]})]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_eks_cluster", {"encryption_config": {"__unknown__": "var.enc"}})]) == set()
	_denied([_r("aws_eks_cluster", {"encryption_config": [{"resources": {"__unknown__": "var.r"}}]})]) == set()
}

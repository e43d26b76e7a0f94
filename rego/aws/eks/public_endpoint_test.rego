package mlcomply.aws.eks.public_endpoint_test

import data.mlcomply.aws.eks.public_endpoint as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_public_default_denied if {
	_denied([_r("aws_eks_cluster", {"vpc_config": [{"subnet_ids": ["s"]}]})]) == {"aws_eks_cluster.t"}
}

test_private_or_restricted_passes if {
	_denied([_r("aws_eks_cluster", {"vpc_config": [{"endpoint_public_access": false}]})]) == set()
	_denied([_r("aws_eks_cluster", {"vpc_config": [{"public_access_cidrs": ["203.0.113.0/24"]}]})]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_eks_cluster", {"vpc_config": [{"endpoint_public_access": {"__unknown__": "var.pub"}}]})]) == set()
	_denied([_r("aws_eks_cluster", {"vpc_config": [{"public_access_cidrs": {"__unknown__": "var.cidrs"}}]})]) == set()
}

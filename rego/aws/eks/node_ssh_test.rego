package mlcomply.aws.eks.node_ssh_test

import data.mlcomply.aws.eks.node_ssh as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_ssh_without_sources_denied if {
	_denied([_r("aws_eks_node_group", {"remote_access": [{"ec2_ssh_key": "k"}]})]) == {"aws_eks_node_group.t"}
}

test_restricted_or_no_remote_access_passes if {
	_denied([_r("aws_eks_node_group", {"remote_access": [{"ec2_ssh_key": "k", "source_security_group_ids": ["sg-1"]}]})]) == set()
	_denied([_r("aws_eks_node_group", {})]) == set()
}

test_unknown_sources_passes if {
	_denied([_r("aws_eks_node_group", {"remote_access": [{"ec2_ssh_key": "k", "source_security_group_ids": {"__unknown__": "var.sg"}}]})]) == set()
}

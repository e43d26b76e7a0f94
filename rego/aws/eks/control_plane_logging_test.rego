package mlcomply.aws.eks.control_plane_logging_test

import data.mlcomply.aws.eks.control_plane_logging as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_missing_types_denied if {
	_denied([_r("aws_eks_cluster", {})]) == {"aws_eks_cluster.t"}
	_denied([_r("aws_eks_cluster", {"enabled_cluster_log_types": ["api", "audit"]})]) == {"aws_eks_cluster.t"}
}

test_all_types_pass if {
	_denied([_r("aws_eks_cluster", {"enabled_cluster_log_types": ["api", "audit", "authenticator", "controllerManager", "scheduler"]})]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_eks_cluster", {"enabled_cluster_log_types": {"__unknown__": "var.logs"}})]) == set()
	_denied([_r("aws_eks_cluster", {"enabled_cluster_log_types": ["api", {"__unknown__": "var.more"}]})]) == set()
}

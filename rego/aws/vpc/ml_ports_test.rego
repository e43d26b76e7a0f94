package mlcomply.aws.vpc.ml_ports_test

import data.mlcomply.aws.vpc.ml_ports as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_ml_ports_denied if {
	_denied([_r("aws_security_group", {"ingress": [{"from_port": 8888, "to_port": 8888, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}]})]) == {"aws_security_group.t"}
	_denied([_r("aws_security_group_rule", {"type": "ingress", "from_port": 5000, "to_port": 6006, "protocol": "tcp", "ipv6_cidr_blocks": ["::/0"]})]) == {"aws_security_group_rule.t"}
}

test_private_other_or_all_ports_pass if {
	_denied([_r("aws_security_group", {"ingress": [{"from_port": 8888, "to_port": 8888, "protocol": "tcp", "cidr_blocks": ["10.0.0.0/16"]}]})]) == set()
	_denied([_r("aws_security_group", {"ingress": [{"from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}]})]) == set()
	_denied([_r("aws_security_group", {"ingress": [{"from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]}]})]) == set()
}

test_unknown_cidr_passes if {
	_denied([_r("aws_security_group", {"ingress": [{"from_port": 8888, "to_port": 8888, "protocol": "tcp", "cidr_blocks": {"__unknown__": "var.cidrs"}}]})]) == set()
}

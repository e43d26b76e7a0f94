package mlcomply.aws.vpc.all_ingress_test

import data.mlcomply.aws.vpc.all_ingress as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_all_traffic_denied if {
	_denied([_r("aws_security_group", {"ingress": [{"from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]}]})]) == {"aws_security_group.t"}
}

test_one_port_passes if {
	_denied([_r("aws_security_group", {"ingress": [{"from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}]})]) == set()
}

test_unknown_protocol_passes if {
	_denied([_r("aws_security_group", {"ingress": [{"from_port": 0, "to_port": 0, "protocol": {"__unknown__": "var.p"}, "cidr_blocks": ["0.0.0.0/0"]}]})]) == set()
}

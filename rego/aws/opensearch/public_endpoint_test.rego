package mlcomply.aws.opensearch.public_endpoint_test

import data.mlcomply.aws.opensearch.public_endpoint as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_no_vpc_denied if {
	_denied([_r("aws_elasticsearch_domain", {})]) == {"aws_elasticsearch_domain.t"}
}

test_vpc_passes if {
	_denied([_r("aws_opensearch_domain", {"vpc_options": [{"subnet_ids": ["s"]}]})]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_opensearch_domain", {"vpc_options": {"__unknown__": "var.vpc"}})]) == set()
}

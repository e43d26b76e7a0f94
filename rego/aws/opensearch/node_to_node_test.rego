package mlcomply.aws.opensearch.node_to_node_test

import data.mlcomply.aws.opensearch.node_to_node as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_off_denied if {
	_denied([_r("aws_opensearch_domain", {"node_to_node_encryption": [{"enabled": false}]})]) == {"aws_opensearch_domain.t"}
	_denied([_r("aws_elasticsearch_domain", {})]) == {"aws_elasticsearch_domain.t"}
}

test_on_passes if {
	_denied([_r("aws_opensearch_domain", {"node_to_node_encryption": [{"enabled": true}]})]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_opensearch_domain", {"node_to_node_encryption": [{"enabled": {"__unknown__": "var.v"}}]})]) == set()
	_denied([_r("aws_opensearch_domain", {"node_to_node_encryption": {"__unknown__": "var.b"}})]) == set()
}

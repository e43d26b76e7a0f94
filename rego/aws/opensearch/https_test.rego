package mlcomply.aws.opensearch.https_test

import data.mlcomply.aws.opensearch.https as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_http_or_old_tls_denied if {
	_denied([_r("aws_opensearch_domain", {"domain_endpoint_options": [{"enforce_https": false}]})]) == {"aws_opensearch_domain.t"}
	_denied([_r("aws_elasticsearch_domain", {"domain_endpoint_options": [{"tls_security_policy": "Policy-Min-TLS-1-0-2019-07"}]})]) == {"aws_elasticsearch_domain.t"}
}

test_defaults_and_tls12_pass if {
	_denied([_r("aws_opensearch_domain", {})]) == set()
	_denied([_r("aws_opensearch_domain", {"domain_endpoint_options": [{"enforce_https": true, "tls_security_policy": "Policy-Min-TLS-1-2-PFS-2023-10"}]})]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_opensearch_domain", {"domain_endpoint_options": [{"enforce_https": {"__unknown__": "var.h"}, "tls_security_policy": {"__unknown__": "var.p"}}]})]) == set()
}

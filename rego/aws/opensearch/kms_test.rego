package mlcomply.aws.opensearch.kms_test

import data.mlcomply.aws.opensearch.kms as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_missing_or_aws_managed_key_denied if {
	_denied([_r("aws_opensearch_domain", {"encrypt_at_rest": [{"enabled": true}]})]) == {"aws_opensearch_domain.t"}
	_denied([_r("aws_opensearch_domain", {"encrypt_at_rest": [{"enabled": true, "kms_key_id": "alias/aws/es"}]})]) == {"aws_opensearch_domain.t"}
}

test_customer_key_or_unencrypted_passes if {
	_denied([_r("aws_opensearch_domain", {"encrypt_at_rest": [{"enabled": true, "kms_key_id": "aws_kms_key.k"}]})]) == set()
	_denied([_r("aws_opensearch_domain", {})]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_opensearch_domain", {"encrypt_at_rest": [{"enabled": true, "kms_key_id": {"__unknown__": "var.k"}}]})]) == set()
}

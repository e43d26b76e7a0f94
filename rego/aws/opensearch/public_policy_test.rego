package mlcomply.aws.opensearch.public_policy_test

import data.mlcomply.aws.opensearch.public_policy as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_public_policy_denied if {
	p := `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"es:*","Resource":"*"}]}`
	_denied([_r("aws_opensearch_domain", {"access_policies": p})]) == {"aws_opensearch_domain.t"}
	_denied([_r("aws_elasticsearch_domain_policy", {"access_policies": p})]) == {"aws_elasticsearch_domain_policy.t"}
}

test_vpc_domain_reported_high if {
	p := `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"es:*","Resource":"*"}]}`
	[res] := [r | some r in rule.deny] with input as {"content": {"resources": [_r("aws_opensearch_domain", {"access_policies": p, "vpc_options": [{"subnet_ids": ["s"]}]})]}}
	res.severity == "high"
}

test_conditional_or_named_passes if {
	_denied([_r("aws_opensearch_domain", {"access_policies": `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"es:*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}]}`})]) == set()
	_denied([_r("aws_opensearch_domain", {"access_policies": `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:role/rag"},"Action":"es:ESHttp*"}]}`})]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_opensearch_domain", {"access_policies": {"__unknown__": "var.p"}})]) == set()
	_denied([_r("aws_opensearch_domain", {"access_policies": `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"es:*"}]}`, "vpc_options": {"__unknown__": "var.vpc"}})]) == set()
}

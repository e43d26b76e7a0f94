# METADATA
# title: OpenSearch domain access policy that allows any principal
# description: >-
#   access_policies (on the domain or an aws_opensearch_domain_policy /
#   aws_elasticsearch_domain_policy) allows Principal "*" without a condition. For a domain
#   with a public endpoint anyone on the internet can query and change the indices; a domain
#   in a VPC is reported at high, as any client in the network can.
# custom:
#   id: MLC-AWS-OPENSEARCH-005
#   severity: critical
#   category: public-access
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0036, AML.T0085.000, AML.T0070]
#   remediation: "Name the IAM roles that use the domain, or add an aws:SourceIp / VPC condition; keep fine-grained access control on."
#   input_kinds: [terraform]
#   references:
#     - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ac.html
package mlcomply.aws.opensearch.public_policy

import data.lib.aws.iam
import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_types := ["aws_opensearch_domain", "aws_elasticsearch_domain"]

deny contains res if {
	some type_name in _types
	some d in terraform.resources(type_name)
	iam.public_policy(d, d.config.access_policies)
	count(config.blocks(d.config, "vpc_options")) == 0
	not config.block_unknown(d.config, "vpc_options")
	res := result.resource(sprintf("OpenSearch domain %s has a public endpoint and allows any principal", [d.address]), d)
}

deny contains res if {
	some type_name in _types
	some d in terraform.resources(type_name)
	iam.public_policy(d, d.config.access_policies)
	count(config.blocks(d.config, "vpc_options")) > 0
	msg := sprintf("OpenSearch domain %s allows any principal in its VPC", [d.address])
	res := result.with_severity(result.resource(msg, d), "high", "the domain is reachable only from its VPC")
}

deny contains res if {
	some type_name in ["aws_opensearch_domain_policy", "aws_elasticsearch_domain_policy"]
	some p in terraform.resources(type_name)
	iam.public_policy(p, p.config.access_policies)
	res := result.resource(sprintf("OpenSearch domain policy %s allows any principal", [p.address]), p)
}

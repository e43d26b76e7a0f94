# METADATA
# title: OpenSearch domain with a public endpoint
# description: >-
#   No vpc_options: the domain's endpoint is on the internet, guarded only by its access
#   policy (and fine-grained access control if on). A vector store or log domain usually has
#   no reason to be reachable from outside the VPC.
# custom:
#   id: MLC-AWS-OPENSEARCH-007
#   severity: medium
#   category: network
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0049, AML.T0036]
#   remediation: "Add vpc_options { subnet_ids, security_group_ids } to place the domain in private subnets (a new domain; existing ones cannot move)."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_137]
#   references:
#     - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/vpc.html
package mlcomply.aws.opensearch.public_endpoint

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some type_name in ["aws_opensearch_domain", "aws_elasticsearch_domain"]
	some d in terraform.resources(type_name)
	not config.block_unknown(d.config, "vpc_options")
	count(config.blocks(d.config, "vpc_options")) == 0
	res := result.resource(sprintf("OpenSearch domain %s has a public endpoint", [d.address]), d)
}

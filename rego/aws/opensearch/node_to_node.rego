# METADATA
# title: OpenSearch domain without node-to-node encryption
# description: >-
#   node_to_node_encryption.enabled is not true: documents and queries travel between the
#   domain's nodes inside the VPC in clear.
# custom:
#   id: MLC-AWS-OPENSEARCH-002
#   severity: medium
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: "Set node_to_node_encryption { enabled = true }."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_6]
#   references:
#     - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html
package mlcomply.aws.opensearch.node_to_node

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some type_name in ["aws_opensearch_domain", "aws_elasticsearch_domain"]
	some d in terraform.resources(type_name)
	some b in _settings(d)
	config.is_false(config.value(b, "enabled", false))
	res := result.resource(sprintf("OpenSearch domain %s does not encrypt traffic between its nodes", [d.address]), d)
}

# The domain's node_to_node_encryption block, or an empty one (provider defaults) when it is absent.
_settings(d) := config.blocks(d.config, "node_to_node_encryption") if count(config.blocks(d.config, "node_to_node_encryption")) > 0

_settings(d) := [{}] if {
	count(config.blocks(d.config, "node_to_node_encryption")) == 0
	not config.block_unknown(d.config, "node_to_node_encryption")
}

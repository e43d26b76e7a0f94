# METADATA
# title: OpenSearch domain without fine-grained access control
# description: >-
#   advanced_security_options.enabled is not true: whoever passes the domain's access policy
#   can read and write every index; there are no per-index, per-document or per-field
#   permissions and no audit logs.
# custom:
#   id: MLC-AWS-OPENSEARCH-004
#   severity: medium
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7, GOVERN 6.1]
#   atlas: [AML.T0036]
#   remediation: "Set advanced_security_options { enabled = true } with an IAM master user (master_user_arn)."
#   input_kinds: [terraform]
#   checkov_ids: [CKV2_AWS_52]
#   references:
#     - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/fgac.html
package mlcomply.aws.opensearch.fine_grained_access

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some type_name in ["aws_opensearch_domain", "aws_elasticsearch_domain"]
	some d in terraform.resources(type_name)
	some b in _settings(d)
	config.is_false(config.value(b, "enabled", false))
	res := result.resource(sprintf("OpenSearch domain %s has no fine-grained access control", [d.address]), d)
}

# The domain's advanced_security_options block, or an empty one (provider defaults) when it is absent.
_settings(d) := config.blocks(d.config, "advanced_security_options") if count(config.blocks(d.config, "advanced_security_options")) > 0

_settings(d) := [{}] if {
	count(config.blocks(d.config, "advanced_security_options")) == 0
	not config.block_unknown(d.config, "advanced_security_options")
}

# METADATA
# title: OpenSearch domain without audit logs
# description: >-
#   No enabled log_publishing_options of log_type AUDIT_LOGS: who read or changed which index
#   (a RAG store's documents, embeddings and their access) is not recorded.
# custom:
#   id: MLC-AWS-OPENSEARCH-006
#   severity: low
#   profile: strict
#   category: logging
#   nist_ai_rmf: [MEASURE 2.4, MANAGE 4.1]
#   atlas: [AML.T0036]
#   remediation: "Add log_publishing_options { log_type = \"AUDIT_LOGS\", cloudwatch_log_group_arn = ... } (requires fine-grained access control)."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_84, CKV_AWS_317]
#   references:
#     - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/audit-logs.html
package mlcomply.aws.opensearch.audit_logging

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some type_name in ["aws_opensearch_domain", "aws_elasticsearch_domain"]
	some d in terraform.resources(type_name)
	not config.block_unknown(d.config, "log_publishing_options")
	not _audited(d)
	res := result.resource(sprintf("OpenSearch domain %s does not publish audit logs", [d.address]), d)
}

_audited(d) if {
	some o in config.blocks(d.config, "log_publishing_options")
	not o.log_type in {"INDEX_SLOW_LOGS", "SEARCH_SLOW_LOGS", "ES_APPLICATION_LOGS"}
	not config.is_false(config.value(o, "enabled", true))
}

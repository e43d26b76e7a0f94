# METADATA
# title: OpenSearch domain without encryption at rest
# description: >-
#   encrypt_at_rest.enabled is not true: the indices (documents and embeddings of a RAG vector
#   store, logs of model traffic), their snapshots and swap files are stored unencrypted.
#   Covers aws_opensearch_domain and aws_elasticsearch_domain.
# custom:
#   id: MLC-AWS-OPENSEARCH-001
#   severity: high
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: "Set encrypt_at_rest { enabled = true } (with kms_key_id for a customer-managed key)."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_5]
#   references:
#     - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html
package mlcomply.aws.opensearch.encryption_at_rest

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some type_name in ["aws_opensearch_domain", "aws_elasticsearch_domain"]
	some d in terraform.resources(type_name)
	some b in _settings(d)
	config.is_false(config.value(b, "enabled", false))
	res := result.resource(sprintf("OpenSearch domain %s does not encrypt data at rest", [d.address]), d)
}

# The domain's encrypt_at_rest block, or an empty one (provider defaults) when it is absent.
_settings(d) := config.blocks(d.config, "encrypt_at_rest") if count(config.blocks(d.config, "encrypt_at_rest")) > 0

_settings(d) := [{}] if {
	count(config.blocks(d.config, "encrypt_at_rest")) == 0
	not config.block_unknown(d.config, "encrypt_at_rest")
}

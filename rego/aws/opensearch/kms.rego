# METADATA
# title: OpenSearch domain without a customer-managed KMS key
# description: >-
#   Encryption at rest is on but encrypt_at_rest.kms_key_id is unset (or alias/aws/es): the
#   indices are encrypted with the AWS-managed key of the service.
# custom:
#   id: MLC-AWS-OPENSEARCH-008
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: "Set encrypt_at_rest { enabled = true, kms_key_id = aws_kms_key.search.arn }."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_247]
#   references:
#     - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html
package mlcomply.aws.opensearch.kms

import data.lib.aws.kms
import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some type_name in ["aws_opensearch_domain", "aws_elasticsearch_domain"]
	some d in terraform.resources(type_name)
	some e in config.blocks(d.config, "encrypt_at_rest")
	config.is_true(e.enabled)
	not kms.customer_managed(e, "kms_key_id")
	res := result.resource(sprintf("OpenSearch domain %s is not encrypted with a customer-managed KMS key", [d.address]), d)
}

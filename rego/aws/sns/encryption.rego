# METADATA
# title: SNS topic without server-side encryption
# description: >-
#   kms_master_key_id is unset: SNS stores the topic's messages (model-monitoring alerts,
#   pipeline notifications with job parameters) unencrypted at rest; SNS has no default
#   encryption.
# custom:
#   id: MLC-AWS-SNS-001
#   severity: medium
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas_none: "encryption of a message queue or topic that holds no AI artifact by itself; no ATLAS technique fits"
#   remediation: "Set kms_master_key_id (a customer-managed key, or alias/aws/sns at least)."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_26]
#   references:
#     - https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html
package mlcomply.aws.sns.encryption

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some t in terraform.resources("aws_sns_topic")
	not config.is_set(t.config, "kms_master_key_id")
	res := result.resource(sprintf("SNS topic %s is not encrypted at rest", [t.address]), t)
}

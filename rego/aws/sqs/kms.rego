# METADATA
# title: SQS queue without a customer-managed KMS key
# description: >-
#   kms_master_key_id is unset (or alias/aws/sqs): messages of the queue (inference requests,
#   labeling tasks, training events) are encrypted with SQS-managed keys at best, with no key
#   policy of the customer's; with sqs_managed_sse_enabled = false they are not encrypted at
#   all.
# custom:
#   id: MLC-AWS-SQS-001
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas_none: "encryption of a message queue or topic that holds no AI artifact by itself; no ATLAS technique fits"
#   remediation: "Set kms_master_key_id to a customer-managed aws_kms_key."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_27]
#   references:
#     - https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html
package mlcomply.aws.sqs.kms

import data.lib.aws.kms
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some r in terraform.resources("aws_sqs_queue")
	not kms.customer_managed(r.config, "kms_master_key_id")
	res := result.resource(sprintf("SQS queue %s is not encrypted with a customer-managed KMS key", [r.address]), r)
}

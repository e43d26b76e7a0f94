# METADATA
# title: Aurora / RDS cluster without a customer-managed KMS key
# description: >-
#   kms_key_id is unset (or alias/aws/rds): the cluster that holds features, labels or
#   embeddings (pgvector) is encrypted with the AWS-managed RDS key, whose policy the customer
#   cannot restrict and which cannot be shared for cross-account snapshots.
# custom:
#   id: MLC-AWS-RDS-004
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: "Set kms_key_id to a customer-managed aws_kms_key (with storage_encrypted = true)."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_327]
#   references:
#     - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.Keys.html
package mlcomply.aws.rds.kms

import data.lib.aws.kms
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some r in terraform.resources("aws_rds_cluster")
	not kms.customer_managed(r.config, "kms_key_id")
	res := result.resource(sprintf("RDS cluster %s is not encrypted with a customer-managed KMS key", [r.address]), r)
}

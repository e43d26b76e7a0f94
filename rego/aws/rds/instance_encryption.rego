# METADATA
# title: RDS instance storage not encrypted
# description: >-
#   storage_encrypted is unset or false (the provider default is false) on an aws_db_instance
#   that is neither a read replica nor restored from a snapshot (those inherit the source's
#   encryption): the database holding labels, features or inference records is stored in clear.
# custom:
#   id: MLC-AWS-RDS-001
#   severity: high
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: Set storage_encrypted = true and kms_key_id to a customer-managed key (requires a new instance).
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_16]
#   references:
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html
#     - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance
package mlcomply.aws.rds.instance_encryption

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some db in terraform.resources("aws_db_instance")
	not config.has(db.config, "replicate_source_db")
	not config.has(db.config, "snapshot_identifier")
	config.is_false(config.value(db.config, "storage_encrypted", false))
	res := result.resource(sprintf("RDS instance %s does not encrypt its storage", [db.address]), db)
}

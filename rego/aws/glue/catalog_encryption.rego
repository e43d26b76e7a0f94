# METADATA
# title: Glue Data Catalog without encryption of metadata or connection passwords
# description: >-
#   aws_glue_data_catalog_encryption_settings leaves catalog_encryption_mode DISABLED or
#   return_connection_password_encrypted false: table schemas and locations of training
#   datasets, and the passwords of Glue connections to databases, are stored unencrypted.
# custom:
#   id: MLC-AWS-GLUE-001
#   severity: medium
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0055, AML.T0035]
#   remediation: "Set encryption_at_rest { catalog_encryption_mode = \"SSE-KMS\", sse_aws_kms_key_id = ... } and connection_password_encryption { return_connection_password_encrypted = true, aws_kms_key_id = ... }."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_94]
#   references:
#     - https://docs.aws.amazon.com/glue/latest/dg/encrypt-glue-data-catalog.html
package mlcomply.aws.glue.catalog_encryption

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some s in terraform.resources("aws_glue_data_catalog_encryption_settings")
	some d in config.blocks(s.config, "data_catalog_encryption_settings")
	some e in config.blocks(d, "encryption_at_rest")
	e.catalog_encryption_mode == "DISABLED"
	res := result.resource(sprintf("Glue Data Catalog settings %s leave the catalog metadata unencrypted", [s.address]), s)
}

deny contains res if {
	some s in terraform.resources("aws_glue_data_catalog_encryption_settings")
	some d in config.blocks(s.config, "data_catalog_encryption_settings")
	some c in config.blocks(d, "connection_password_encryption")
	config.is_false(c.return_connection_password_encrypted)
	res := result.resource(sprintf("Glue Data Catalog settings %s leave connection passwords unencrypted", [s.address]), s)
}

# METADATA
# title: RDS database without IAM authentication
# description: >-
#   iam_database_authentication_enabled is not true on an aws_db_instance or aws_rds_cluster:
#   applications and training jobs can only log in with long-lived database passwords, which
#   end up in notebooks, environment variables and pipeline configuration.
# custom:
#   id: MLC-AWS-RDS-005
#   severity: low
#   profile: strict
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7, GOVERN 6.1]
#   atlas: [AML.T0012]
#   remediation: "Set iam_database_authentication_enabled = true and let jobs connect with their role (rds-db:connect)."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_161, CKV_AWS_162]
#   references:
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html
package mlcomply.aws.rds.iam_auth

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some type_name in ["aws_db_instance", "aws_rds_cluster"]
	some db in terraform.resources(type_name)
	not _unsupported(db)
	config.is_false(config.value(db.config, "iam_database_authentication_enabled", false))
	res := result.resource(sprintf("RDS database %s does not allow IAM authentication", [db.address]), db)
}

# Engines without IAM database authentication (SQL Server, Oracle, Db2).
_unsupported(db) if {
	is_string(db.config.engine)
	regex.match(`^(sqlserver|oracle|db2|custom-)`, db.config.engine)
}

# METADATA
# title: RDS database without logs exported to CloudWatch
# description: >-
#   enabled_cloudwatch_logs_exports is empty, or a MySQL-family database (aurora, aurora-
#   mysql, mysql) does not export its audit log: connections and queries to the feature, label
#   or vector store are not kept where they can be searched and alarmed on.
# custom:
#   id: MLC-AWS-RDS-006
#   severity: low
#   profile: strict
#   category: logging
#   nist_ai_rmf: [MEASURE 2.4, MANAGE 4.1]
#   atlas: [AML.T0036]
#   remediation: "Set enabled_cloudwatch_logs_exports (e.g. [\"postgresql\"], or [\"audit\", \"error\"] with an audit plugin for MySQL engines)."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_129, CKV_AWS_324, CKV_AWS_325]
#   references:
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html
#     - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Auditing.html
package mlcomply.aws.rds.log_exports

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_mysql := {"aurora", "aurora-mysql", "mysql"}

# The engine Terraform would create: aws_rds_cluster defaults to "aurora" (MySQL-compatible).
_engine(db) := config.value(db.config, "engine", "aurora") if db.type == "aws_rds_cluster"

_engine(db) := config.value(db.config, "engine", "") if db.type == "aws_db_instance"

deny contains res if {
	some type_name in ["aws_db_instance", "aws_rds_cluster"]
	some db in terraform.resources(type_name)
	exports := config.value(db.config, "enabled_cloudwatch_logs_exports", [])
	is_array(exports)
	count(exports) == 0
	res := result.resource(sprintf("RDS database %s exports no logs to CloudWatch", [db.address]), db)
}

deny contains res if {
	some type_name in ["aws_db_instance", "aws_rds_cluster"]
	some db in terraform.resources(type_name)
	_engine(db) in _mysql
	exports := config.value(db.config, "enabled_cloudwatch_logs_exports", [])
	is_array(exports)
	count(exports) > 0
	every e in exports { is_string(e) }
	not "audit" in exports
	res := result.resource(sprintf("RDS database %s does not export its audit log", [db.address]), db)
}

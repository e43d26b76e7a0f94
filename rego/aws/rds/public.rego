# METADATA
# title: RDS database publicly accessible
# description: >-
#   publicly_accessible = true on an aws_db_instance or aws_rds_cluster_instance: the
#   database gets a public DNS name and address, one security-group mistake away from the
#   internet.
# custom:
#   id: MLC-AWS-RDS-003
#   severity: high
#   category: public-access
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0049, AML.T0036]
#   remediation: Set publicly_accessible = false (the default) and reach the database from inside the VPC.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_17]
#   references:
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html
package mlcomply.aws.rds.public

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some type_name in ["aws_db_instance", "aws_rds_cluster_instance"]
	some db in terraform.resources(type_name)
	config.is_true(config.value(db.config, "publicly_accessible", false))
	res := result.resource(sprintf("RDS database %s is publicly accessible", [db.address]), db)
}

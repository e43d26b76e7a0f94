# METADATA
# title: RDS instance parameter group does not require TLS
# description: >-
#   An aws_db_instance uses an aws_db_parameter_group of this configuration whose family is
#   MySQL or MariaDB without require_secure_transport = 1 (ON), or PostgreSQL before 15 or SQL
#   Server without rds.force_ssl = 1: the database holding features, labels or application
#   data accepts clients in clear text, so credentials and query results cross the network
#   unencrypted. PostgreSQL 15 and later force TLS by default. Instances on a default
#   parameter group, or on a group defined elsewhere, are not reported; unknown values are
#   not reported.
# custom:
#   atlas: [AML.T0035, AML.T0048.004]
#   id: MLC-AWS-RDS-007
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7]
#   remediation: >-
#     Add parameter { name = "require_secure_transport", value = "1" } (MySQL, MariaDB) or
#     parameter { name = "rds.force_ssl", value = "1" } (PostgreSQL, SQL Server) to the
#     instance's parameter group.
#   input_kinds: [terraform]
#   checkov_ids: [CKV2_AWS_69]
#   references:
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-ssl-connections.html
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html
package mlcomply.aws.rds.tls

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

# The parameter that forces TLS, by family; PostgreSQL 15+ (postgres15, postgres16...) force it already.
_tls_parameter(family) := "require_secure_transport" if regex.match(`^(mysql|mariadb)`, family)

_tls_parameter(family) := "rds.force_ssl" if regex.match(`^postgres(9|1[0-4])(\.|$)`, family)

_tls_parameter(family) := "rds.force_ssl" if regex.match(`^sqlserver`, family)

_groups_of(db) := {g |
	ref := db.config.parameter_group_name
	is_string(ref)
	some g in terraform.resources("aws_db_parameter_group")
	_names(g, ref)
}

_names(g, ref) if g.address == ref

_names(g, ref) if g.config.name == ref

# Some parameter of the group sets `name` to 1 / ON, or is unknown.
_forces(g, name) if {
	some p in config.blocks(g.config, "parameter")
	p.name == name
	lower(sprintf("%v", [p.value])) in {"1", "on", "true"}
}

_forces(g, name) if {
	some p in config.blocks(g.config, "parameter")
	p.name == name
	terraform.is_unknown(p.value)
}

_forces(g, _) if config.block_unknown(g.config, "parameter")

_forces(g, _) if {
	some p in config.blocks(g.config, "parameter")
	terraform.is_unknown(p.name)
}

deny contains res if {
	some db in terraform.resources("aws_db_instance")
	groups := _groups_of(db)
	count(groups) == 1
	some g in groups
	is_string(g.config.family)
	name := _tls_parameter(lower(g.config.family))
	not _forces(g, name)
	msg := sprintf("RDS instance %s accepts clear-text connections (parameter group %s does not set %s = 1)", [db.address, g.address, name])
	res := result.resource(msg, db)
}

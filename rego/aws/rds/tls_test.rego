package mlcomply.aws.rds.tls_test

import data.mlcomply.aws.rds.tls as rule
import rego.v1

_db := {"address": "aws_db_instance.db", "type": "aws_db_instance", "mode": "managed", "config": {"engine": "mysql", "parameter_group_name": "aws_db_parameter_group.pg"}}

_pg(family, params) := {"address": "aws_db_parameter_group.pg", "type": "aws_db_parameter_group", "mode": "managed", "config": {"name": "features-pg", "family": family, "parameter": params}}

_denied(rs) := found if {
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": rs}}
}

test_no_tls_parameter_denied if {
	_denied([_db, _pg("mysql8.0", [{"name": "character_set_server", "value": "utf8"}])]) == {"aws_db_instance.db"}
	_denied([_db, _pg("mysql8.0", [{"name": "require_secure_transport", "value": "0"}])]) == {"aws_db_instance.db"}
	_denied([_db, _pg("postgres14", [])]) == {"aws_db_instance.db"}
	_denied([_db, _pg("sqlserver-se-15.0", [])]) == {"aws_db_instance.db"}
	by_name := json.patch(_db, [{"op": "replace", "path": "/config/parameter_group_name", "value": "features-pg"}])
	_denied([by_name, _pg("mariadb10.11", [])]) == {"aws_db_instance.db"}
}

test_tls_required_passes if {
	_denied([_db, _pg("mysql8.0", [{"name": "require_secure_transport", "value": "1"}])]) == set()
	_denied([_db, _pg("mysql8.0", [{"name": "require_secure_transport", "value": "ON"}])]) == set()
	_denied([_db, _pg("postgres14", [{"name": "rds.force_ssl", "value": 1}])]) == set()
	_denied([_db, _pg("postgres16", [])]) == set()
}

test_default_or_external_group_passes if {
	_denied([json.remove(_db, ["config/parameter_group_name"])]) == set()
	_denied([_db]) == set()
}

test_unknown_passes if {
	_denied([_db, _pg({"__unknown__": "var.family"}, [])]) == set()
	_denied([_db, _pg("mysql8.0", [{"name": "require_secure_transport", "value": {"__unknown__": "var.tls"}}])]) == set()
	_denied([_db, _pg("mysql8.0", {"__unknown__": "var.params"})]) == set()
	unknown_group := json.patch(_db, [{"op": "replace", "path": "/config/parameter_group_name", "value": {"__unknown__": "var.pg"}}])
	_denied([unknown_group, _pg("mysql8.0", [])]) == set()
}

package mlcomply.databricks.unitycatalog.broad_grants_test

import data.mlcomply.databricks.unitycatalog.broad_grants as rule
import rego.v1

_found(type_name, cfg) := found if {
	r := {"address": sprintf("%s.a", [type_name]), "type": type_name, "mode": "managed", "config": cfg}
	found := {[x.msg, object.get(x, "severity", "rule")] | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_write_and_storage_rights_high if {
	_found("databricks_grants", {"external_location": "databricks_external_location.raw", "grant": [{"principal": "account users", "privileges": ["READ_FILES"]}]}) == {["databricks_grants.a grants READ_FILES to \"account users\" on the external location", "rule"]}
	_found("databricks_grant", {"catalog": "ml", "principal": "users", "privileges": ["ALL_PRIVILEGES"]}) == {["databricks_grant.a grants ALL_PRIVILEGES to \"users\" on the catalog", "rule"]}
	_found("databricks_grants", {"schema": "ml.features", "grant": [{"principal": "account users", "privileges": ["USE_SCHEMA", "SELECT", "MODIFY"]}]}) == {["databricks_grants.a grants MODIFY, SELECT to \"account users\" on the schema", "rule"]}
}

test_read_on_tables_medium if {
	_found("databricks_grants", {"table": "ml.features.users", "grant": [{"principal": "account users", "privileges": ["SELECT"]}]}) == {["databricks_grants.a grants SELECT to \"account users\" on the table", "medium"]}
}

test_create_only_on_a_sandbox_medium if {
	_found("databricks_grants", {"catalog": "sandbox", "grant": [{"principal": "account users", "privileges": ["USAGE", "CREATE"]}]}) == {["databricks_grants.a grants CREATE to \"account users\" on the catalog", "medium"]}
	_found("databricks_grants", {"external_location": "x", "grant": [{"principal": "account users", "privileges": ["CREATE_EXTERNAL_TABLE"]}]}) == {["databricks_grants.a grants CREATE_EXTERNAL_TABLE to \"account users\" on the external location", "rule"]}
}

test_named_groups_and_browse_pass if {
	_found("databricks_grants", {"catalog": "ml", "grant": [{"principal": "account users", "privileges": ["USE_CATALOG", "BROWSE"]}, {"principal": "ml-engineers", "privileges": ["ALL_PRIVILEGES"]}]}) == set()
}

test_unknown_passes if {
	_found("databricks_grants", {"catalog": "ml", "grant": [{"principal": {"__unknown__": "var.p"}, "privileges": ["ALL_PRIVILEGES"]}]}) == set()
	_found("databricks_grants", {"catalog": "ml", "grant": [{"principal": "account users", "privileges": {"__unknown__": "var.p"}}]}) == set()
	_found("databricks_grants", {"catalog": "ml", "grant": {"__unknown__": "var.g"}}) == set()
}

package mlcomply.aws.lakeformation.data_lake_settings_test

import data.mlcomply.aws.lakeformation.data_lake_settings as rule
import rego.v1

_msgs(cfg) := found if {
	s := {"address": "aws_lakeformation_data_lake_settings.s", "type": "aws_lakeformation_data_lake_settings", "mode": "managed", "config": cfg}
	found := {r.msg | some r in rule.deny} with input as {"content": {"resources": [s]}}
}

test_defaults_left_unset_denied if {
	_msgs({"admins": ["arn:aws:iam::1:role/admin"]}) == {
		"data lake settings aws_lakeformation_data_lake_settings.s keep IAM-only access in create_database_default_permissions",
		"data lake settings aws_lakeformation_data_lake_settings.s keep IAM-only access in create_table_default_permissions",
	}
}

test_iam_allowed_principals_with_all_denied if {
	cfg := {
		"create_database_default_permissions": [{"principal": "IAM_ALLOWED_PRINCIPALS", "permissions": ["ALL"]}],
		"create_table_default_permissions": [{"permissions": []}],
	}
	_msgs(cfg) == {"data lake settings aws_lakeformation_data_lake_settings.s keep IAM-only access in create_database_default_permissions"}
}

test_empty_defaults_or_unknown_pass if {
	_msgs({"create_database_default_permissions": [{"permissions": []}], "create_table_default_permissions": [{"permissions": []}]}) == set()
	cfg := {
		"create_database_default_permissions": [{"principal": "IAM_ALLOWED_PRINCIPALS", "permissions": {"__unknown__": "var.p"}}],
		"create_table_default_permissions": [{"permissions": []}],
	}
	_msgs(cfg) == set()
}

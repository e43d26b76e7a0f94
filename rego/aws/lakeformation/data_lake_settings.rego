# METADATA
# title: Lake Formation data lake settings keep the IAM-only default
# description: >-
#   aws_lakeformation_data_lake_settings leaves create_database_default_permissions or
#   create_table_default_permissions unset, or grants them to IAM_ALLOWED_PRINCIPALS: every new
#   database or table is then governed by IAM policies alone ("Use only IAM access control"),
#   and Lake Formation grants, data filters and tag-based access do not apply to it.
# custom:
#   atlas_none: "over-broad permissions widen any compromise; ATLAS names no technique for excess privilege itself"
#   id: MLC-AWS-LAKEFORMATION-002
#   severity: medium
#   category: iam
#   nist_ai_rmf: [GOVERN 1.6, MEASURE 2.10]
#   remediation: >-
#     Declare both default-permission blocks with an empty permissions list (or a named data
#     lake admin) so new databases and tables are governed by Lake Formation, e.g.
#     create_database_default_permissions { permissions = [] } and the same for tables.
#   input_kinds: [terraform]
#   references:
#     - https://docs.aws.amazon.com/lake-formation/latest/dg/change-settings.html
#     - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lakeformation_data_lake_settings
package mlcomply.aws.lakeformation.data_lake_settings

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_kinds := ["create_database_default_permissions", "create_table_default_permissions"]

_iam_only(s, kind) if {
	not config.has(s.config, kind)
}

_iam_only(s, kind) if {
	some b in config.blocks(s.config, kind)
	b.principal == "IAM_ALLOWED_PRINCIPALS"
	perms := config.value(b, "permissions", [])
	is_array(perms)
	count(perms) > 0
}

deny contains res if {
	some s in terraform.resources("aws_lakeformation_data_lake_settings")
	some kind in _kinds
	_iam_only(s, kind)
	res := result.resource(sprintf("data lake settings %s keep IAM-only access in %s", [s.address, kind]), s)
}

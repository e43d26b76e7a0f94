# METADATA
# title: Databricks token that never expires
# description: >-
#   A databricks_token or databricks_obo_token without lifetime_seconds (or with 0), or a
#   databricks_workspace_conf that sets maxTokenLifetimeDays to 0: the personal access token
#   that runs jobs, serves models or feeds CI stays valid until someone revokes it, however
#   far it has leaked.
# custom:
#   id: MLC-DATABRICKS-TOKEN-001
#   severity: medium
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0012, AML.T0091.000]
#   remediation: >-
#     Set lifetime_seconds (e.g. 7776000 for 90 days) and rotate, cap lifetimes with
#     custom_config = { maxTokenLifetimeDays = "90" }, or use OAuth for service principals.
#   input_kinds: [terraform]
#   references:
#     - https://docs.databricks.com/en/admin/access-control/tokens.html#set-maximum-lifetime
#     - https://registry.terraform.io/providers/databricks/databricks/latest/docs/resources/token
package mlcomply.databricks.token.lifetime

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_no_expiry(t) if not config.has(t.config, "lifetime_seconds")

_no_expiry(t) if t.config.lifetime_seconds in {0, "0"}

deny contains res if {
	some type_name in ["databricks_token", "databricks_obo_token"]
	some t in terraform.resources(type_name)
	_no_expiry(t)
	res := result.resource(sprintf("%s never expires (no lifetime_seconds)", [t.address]), t)
}

deny contains res if {
	some c in terraform.resources("databricks_workspace_conf")
	object.get(c.config, ["custom_config", "maxTokenLifetimeDays"], null) in {0, "0"}
	res := result.resource(sprintf("%s lets personal access tokens live forever (maxTokenLifetimeDays = 0)", [c.address]), c)
}

# METADATA
# title: Databricks workspace without customer-managed keys
# description: >-
#   A databricks_mws_workspaces (account-level workspace on AWS or GCP) sets neither
#   storage_customer_managed_key_id nor managed_services_customer_managed_key_id: notebooks,
#   secrets, query results and the workspace's root storage are encrypted with keys the
#   customer does not control.
# custom:
#   id: MLC-DATABRICKS-WORKSPACE-002
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: >-
#     Create databricks_mws_customer_managed_keys for MANAGED_SERVICES and STORAGE and set
#     managed_services_customer_managed_key_id and storage_customer_managed_key_id.
#   input_kinds: [terraform]
#   references:
#     - https://docs.databricks.com/en/security/keys/customer-managed-keys.html
package mlcomply.databricks.workspace.mws_cmk

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_keys := ["storage_customer_managed_key_id", "managed_services_customer_managed_key_id"]

deny contains res if {
	some w in terraform.resources("databricks_mws_workspaces")
	every k in _keys {
		not config.is_set(w.config, k)
	}
	res := result.resource(sprintf("Databricks workspace %s uses no customer-managed key", [w.address]), w)
}

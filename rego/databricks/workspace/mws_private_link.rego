# METADATA
# title: Databricks workspace without private connectivity
# description: >-
#   A databricks_mws_workspaces (account-level workspace on AWS or GCP) has no
#   private_access_settings_id: users and clusters reach the control plane over public
#   endpoints rather than PrivateLink / Private Service Connect.
# custom:
#   id: MLC-DATABRICKS-WORKSPACE-003
#   severity: low
#   profile: strict
#   category: network
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0049]
#   remediation: >-
#     Create databricks_mws_private_access_settings and VPC endpoints
#     (databricks_mws_vpc_endpoint) and set private_access_settings_id on the workspace.
#   input_kinds: [terraform]
#   references:
#     - https://docs.databricks.com/en/security/network/classic/privatelink.html
package mlcomply.databricks.workspace.mws_private_link

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some w in terraform.resources("databricks_mws_workspaces")
	not config.is_set(w.config, "private_access_settings_id")
	res := result.resource(sprintf("Databricks workspace %s has no private access settings (PrivateLink)", [w.address]), w)
}

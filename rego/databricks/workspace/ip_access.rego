# METADATA
# title: Databricks workspace IP access lists off or allowing any address
# description: >-
#   A databricks_workspace_conf sets enableIpAccessLists to false, or a
#   databricks_ip_access_list of type ALLOW lists 0.0.0.0/0: the workspace UI, REST API and
#   personal access tokens, with the notebooks, experiments and models behind them, work from
#   any network.
# custom:
#   id: MLC-DATABRICKS-WORKSPACE-001
#   severity: medium
#   category: network
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0049]
#   remediation: >-
#     Set custom_config = { enableIpAccessLists = true } and add databricks_ip_access_list
#     resources with the office, VPN and CI ranges.
#   input_kinds: [terraform]
#   references:
#     - https://docs.databricks.com/en/security/network/front-end/ip-access-list-workspace.html
#     - https://registry.terraform.io/providers/databricks/databricks/latest/docs/resources/ip_access_list
package mlcomply.databricks.workspace.ip_access

import data.lib.config
import data.lib.ports
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some c in terraform.resources("databricks_workspace_conf")
	config.is_false(object.get(c.config, ["custom_config", "enableIpAccessLists"], null))
	res := result.resource(sprintf("%s turns IP access lists off: the workspace accepts any network", [c.address]), c)
}

deny contains res if {
	some l in terraform.resources("databricks_ip_access_list")
	l.config.list_type == "ALLOW"
	config.is_true(config.value(l.config, "enabled", true))
	some ip in l.config.ip_addresses
	ports.is_internet(ip)
	res := result.resource(sprintf("IP access list %s allows %s (any address)", [l.address, ip]), l)
}

# METADATA
# title: AKS cluster without Azure Monitor container insights
# description: >-
#   An azurerm_kubernetes_cluster has no oms_agent block (azurerm 3 and 4) and no enabled
#   addon_profile.oms_agent (azurerm 2): container logs and metrics of training and serving
#   pods are not collected, so an incident on the cluster leaves no record outside it.
# custom:
#   id: MLC-AZURE-AKS-005
#   severity: low
#   profile: strict
#   category: logging
#   nist_ai_rmf: [MEASURE 2.4, MANAGE 4.1]
#   atlas_none: "cluster-wide monitoring is general detection coverage, not tied to one ATLAS technique"
#   remediation: Add oms_agent { log_analytics_workspace_id = azurerm_log_analytics_workspace.<ws>.id }.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AZURE_4]
#   references:
#     - https://learn.microsoft.com/azure/azure-monitor/containers/container-insights-overview
package mlcomply.azure.aks.monitoring

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_monitored(c) if count(config.blocks(c.config, "oms_agent")) > 0

_monitored(c) if config.block_unknown(c.config, "oms_agent")

_monitored(c) if {
	some b in config.nested(c.config, ["addon_profile", "oms_agent"])
	not config.is_false(config.value(b, "enabled", true))
}

_monitored(c) if config.path_unknown(c.config, ["addon_profile", "oms_agent"])

deny contains res if {
	some c in terraform.resources("azurerm_kubernetes_cluster")
	not _monitored(c)
	res := result.resource(sprintf("AKS cluster %s sends no container logs to Azure Monitor", [c.address]), c)
}

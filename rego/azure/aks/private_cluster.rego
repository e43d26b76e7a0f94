# METADATA
# title: AKS cluster is not a private cluster
# description: >-
#   private_cluster_enabled is unset or false on an azurerm_kubernetes_cluster: the API server
#   has a public address (even when authorized IP ranges restrict who may reach it).
# custom:
#   id: MLC-AZURE-AKS-004
#   severity: low
#   profile: strict
#   category: network
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0049]
#   remediation: Set private_cluster_enabled = true (set at creation) and reach the API server from the VNet or a jump host.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AZURE_115]
#   references:
#     - https://learn.microsoft.com/azure/aks/private-clusters
package mlcomply.azure.aks.private_cluster

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some c in terraform.resources("azurerm_kubernetes_cluster")
	config.is_false(config.value(c.config, "private_cluster_enabled", false))
	res := result.resource(sprintf("AKS cluster %s has a public API server address (not a private cluster)", [c.address]), c)
}

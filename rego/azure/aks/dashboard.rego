# METADATA
# title: AKS cluster runs the Kubernetes dashboard
# description: >-
#   addon_profile { kube_dashboard { enabled = true } } on an azurerm_kubernetes_cluster (azurerm
#   2.x; the add-on is deprecated and removed from current AKS versions): the dashboard's
#   service account can read and change the workloads of the cluster that trains and serves
#   the models, and an exposed dashboard was the entry point of public cryptojacking
#   incidents. Only an explicit enabled = true is reported; unknown values are not.
# custom:
#   atlas_none: "a cluster admin UI is general attack surface; ATLAS names no technique for it"
#   id: MLC-AZURE-AKS-010
#   severity: medium
#   category: network
#   nist_ai_rmf: [MEASURE 2.7]
#   remediation: Remove the kube_dashboard block (or set enabled = false); use the Azure portal's Kubernetes resources view or kubectl with Entra ID.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AZURE_8]
#   references:
#     - https://learn.microsoft.com/azure/aks/kubernetes-dashboard
package mlcomply.azure.aks.dashboard

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some c in terraform.resources("azurerm_kubernetes_cluster")
	some d in config.nested(c.config, ["addon_profile", "kube_dashboard"])
	config.is_true(d.enabled)
	res := result.resource(sprintf("AKS cluster %s runs the Kubernetes dashboard add-on", [c.address]), c)
}

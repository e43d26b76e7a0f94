# METADATA
# title: AKS cluster does not enforce Kubernetes network policies
# description: >-
#   An azurerm_kubernetes_cluster has no network_profile.network_policy (azure, calico or
#   cilium): NetworkPolicy objects are ignored, so every pod reaches every other, a Ray head,
#   a notebook server or a model server included.
# custom:
#   id: MLC-AZURE-AKS-009
#   severity: low
#   profile: strict
#   category: network
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas_none: "limits pod-to-pod lateral movement; ATLAS lists no network lateral-movement technique"
#   remediation: Set network_profile { network_plugin = "azure", network_policy = "azure" } (or "cilium"; set at creation) and write NetworkPolicies for the ML namespaces.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AZURE_7]
#   references:
#     - https://learn.microsoft.com/azure/aks/use-network-policies
package mlcomply.azure.aks.network_policy

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_enforced(c) if {
	some p in config.blocks(c.config, "network_profile")
	config.is_set(p, "network_policy")
}

_enforced(c) if config.block_unknown(c.config, "network_profile")

deny contains res if {
	some c in terraform.resources("azurerm_kubernetes_cluster")
	not _enforced(c)
	res := result.resource(sprintf("AKS cluster %s does not enforce network policies", [c.address]), c)
}

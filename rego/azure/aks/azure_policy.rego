# METADATA
# title: AKS cluster without the Azure Policy add-on
# description: >-
#   azure_policy_enabled is unset or false (azurerm 3 and 4) and addon_profile.azure_policy is
#   not enabled (azurerm 2) on an azurerm_kubernetes_cluster: no admission control enforces
#   the organisation's pod security and image-source policies on training and serving pods.
# custom:
#   id: MLC-AZURE-AKS-006
#   severity: low
#   profile: strict
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7, GOVERN 1.4]
#   atlas_none: "a policy-enforcement add-on is a governance control, not tied to one ATLAS technique"
#   remediation: Set azure_policy_enabled = true and assign the Kubernetes pod security baseline initiative.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AZURE_116]
#   references:
#     - https://learn.microsoft.com/azure/governance/policy/concepts/policy-for-kubernetes
package mlcomply.azure.aks.azure_policy

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_enabled(c) if not config.is_false(config.value(c.config, "azure_policy_enabled", false))

_enabled(c) if {
	some b in config.nested(c.config, ["addon_profile", "azure_policy"])
	not config.is_false(config.value(b, "enabled", false))
}

_enabled(c) if config.path_unknown(c.config, ["addon_profile", "azure_policy"])

deny contains res if {
	some c in terraform.resources("azurerm_kubernetes_cluster")
	not _enabled(c)
	res := result.resource(sprintf("AKS cluster %s runs without the Azure Policy add-on (no admission control)", [c.address]), c)
}

# METADATA
# title: AKS cluster with Kubernetes RBAC disabled
# description: >-
#   role_based_access_control_enabled = false (azurerm 3 and 4) or role_based_access_control {
#   enabled = false } (azurerm 2) on an azurerm_kubernetes_cluster: every credential that
#   reaches the API server, pods' service accounts included, acts with full rights over every
#   namespace, secret and model-serving workload.
# custom:
#   id: MLC-AZURE-AKS-007
#   severity: high
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0012]
#   remediation: Leave role_based_access_control_enabled at true (the default; it can only be set at creation).
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AZURE_5]
#   references:
#     - https://learn.microsoft.com/azure/aks/concepts-identity#kubernetes-rbac
package mlcomply.azure.aks.rbac

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_disabled(c) if config.is_false(c.config.role_based_access_control_enabled)

_disabled(c) if {
	some b in config.blocks(c.config, "role_based_access_control")
	config.is_false(b.enabled)
}

deny contains res if {
	some c in terraform.resources("azurerm_kubernetes_cluster")
	_disabled(c)
	res := result.resource(sprintf("AKS cluster %s has Kubernetes RBAC disabled", [c.address]), c)
}

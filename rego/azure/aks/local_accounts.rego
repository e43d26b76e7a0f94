# METADATA
# title: AKS cluster with local accounts enabled
# description: >-
#   local_account_disabled is unset or false (the default) on an azurerm_kubernetes_cluster:
#   `az aks get-credentials --admin` hands out a static cluster-admin certificate that
#   bypasses Entra ID, its conditional access and its audit trail, on the cluster that trains
#   and serves the models.
# custom:
#   id: MLC-AZURE-AKS-001
#   severity: medium
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0012]
#   remediation: >-
#     Set local_account_disabled = true with azure_active_directory_role_based_access_control {
#     azure_rbac_enabled = true } and admin group object ids.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AZURE_141]
#   references:
#     - https://learn.microsoft.com/azure/aks/manage-local-accounts-managed-azure-ad
package mlcomply.azure.aks.local_accounts

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some c in terraform.resources("azurerm_kubernetes_cluster")
	config.is_false(config.value(c.config, "local_account_disabled", false))
	res := result.resource(sprintf("AKS cluster %s keeps local accounts (a static cluster-admin credential)", [c.address]), c)
}

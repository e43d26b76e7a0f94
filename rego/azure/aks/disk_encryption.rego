# METADATA
# title: AKS cluster disks without a customer-managed key
# description: >-
#   An azurerm_kubernetes_cluster has no disk_encryption_set_id: node OS and data disks, where
#   training jobs spill datasets, checkpoints and model weights, are encrypted with
#   Microsoft-managed keys only.
# custom:
#   id: MLC-AZURE-AKS-002
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: Set disk_encryption_set_id = azurerm_disk_encryption_set.<set>.id (set at creation).
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AZURE_117]
#   references:
#     - https://learn.microsoft.com/azure/aks/azure-disk-customer-managed-keys
package mlcomply.azure.aks.disk_encryption

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some c in terraform.resources("azurerm_kubernetes_cluster")
	not config.is_set(c.config, "disk_encryption_set_id")
	res := result.resource(sprintf("AKS cluster %s disks are not encrypted with a customer-managed key", [c.address]), c)
}

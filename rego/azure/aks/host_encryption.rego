# METADATA
# title: AKS node pool without encryption at host
# description: >-
#   The default_node_pool (agent_pool_profile in azurerm 1) of an azurerm_kubernetes_cluster, or an
#   azurerm_kubernetes_cluster_node_pool, does not set host_encryption_enabled (azurerm 4) or
#   enable_host_encryption (azurerm 3) to true: temp disks and disk caches of the nodes, where
#   training jobs stage datasets and checkpoints, are not encrypted at rest.
# custom:
#   id: MLC-AZURE-AKS-008
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: Set host_encryption_enabled = true on every node pool (the subscription needs the EncryptionAtHost feature).
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AZURE_227]
#   references:
#     - https://learn.microsoft.com/azure/aks/enable-host-encryption
package mlcomply.azure.aks.host_encryption

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_encrypted(pool) if not config.is_false(config.value(pool, "host_encryption_enabled", false))

_encrypted(pool) if not config.is_false(config.value(pool, "enable_host_encryption", false))

deny contains res if {
	some c in terraform.resources("azurerm_kubernetes_cluster")
	some block in ["default_node_pool", "agent_pool_profile"]
	some pool in config.blocks(c.config, block)
	not _encrypted(pool)
	res := result.resource(sprintf("AKS cluster %s default node pool has no encryption at host", [c.address]), c)
}

deny contains res if {
	some p in terraform.resources("azurerm_kubernetes_cluster_node_pool")
	not _encrypted(p.config)
	res := result.resource(sprintf("AKS node pool %s has no encryption at host", [p.address]), p)
}

# METADATA
# title: Key Vault reachable from any network
# description: >-
#   public_network_access_enabled is unset or true (the default) and the vault has no
#   network_acls block with default_action = "Deny": the keys and secrets of the ML platform
#   are one stolen token away from use anywhere on the internet.
# custom:
#   id: MLC-AZURE-KEYVAULT-002
#   severity: medium
#   category: network
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas_none: "network reach of a secret store that still authenticates; no ATLAS technique fits"
#   remediation: >-
#     Set network_acls { default_action = "Deny", bypass = "AzureServices" } with allowed
#     subnets, or public_network_access_enabled = false with a private endpoint.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AZURE_109, CKV_AZURE_189]
#   references:
#     - https://learn.microsoft.com/azure/key-vault/general/network-security
package mlcomply.azure.keyvault.public_network

import data.lib.azure.network
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some kv in terraform.resources("azurerm_key_vault")
	network.open_to_all(kv, "network_acls", set())
	res := result.resource(sprintf("Key Vault %s accepts connections from any network", [kv.address]), kv)
}

# METADATA
# title: Key Vault key or secret without an expiration date
# description: >-
#   An azurerm_key_vault_key or azurerm_key_vault_secret has no expiration_date: the
#   customer-managed key of a workspace or the API token of a pipeline stays valid forever,
#   so nothing forces its rotation and a leaked copy never stops working. Unknown values are
#   not reported.
# custom:
#   atlas: [AML.T0012]
#   id: MLC-AZURE-KEYVAULT-003
#   severity: low
#   profile: strict
#   category: secrets
#   nist_ai_rmf: [MEASURE 2.7, GOVERN 1.4]
#   remediation: >-
#     Set expiration_date (RFC 3339) and rotate before it; for keys, add a rotation_policy {
#     expire_after, automatic { time_before_expiry } }.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AZURE_40, CKV_AZURE_41]
#   references:
#     - https://learn.microsoft.com/azure/key-vault/keys/how-to-configure-key-rotation
#     - https://learn.microsoft.com/azure/key-vault/secrets/tutorial-rotation
package mlcomply.azure.keyvault.expiration

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_kinds := {"azurerm_key_vault_key": "key", "azurerm_key_vault_secret": "secret"}

_expires(r) if config.is_set(r.config, "expiration_date")

_expires(r) if terraform.is_unknown(r.config.expiration_date)

# A rotation policy with expire_after sets the expiry of every version it creates.
_expires(r) if {
	some p in config.blocks(r.config, "rotation_policy")
	config.is_set(p, "expire_after")
}

_expires(r) if config.block_unknown(r.config, "rotation_policy")

deny contains res if {
	some type_name, kind in _kinds
	some r in terraform.resources(type_name)
	not _expires(r)
	res := result.resource(sprintf("Key Vault %s %s has no expiration date", [kind, r.address]), r)
}

# METADATA
# title: Key Vault key not backed by an HSM
# description: >-
#   An azurerm_key_vault_key has key_type "RSA" or "EC" (software-protected) rather than
#   "RSA-HSM" or "EC-HSM": the key that wraps a workspace's or storage account's data key is
#   protected by software (FIPS 140 level 1) rather than a hardware security module. A
#   protection-level choice of the key's owner, hence low and strict; unknown values are not
#   reported.
# custom:
#   atlas_none: "key custody (HSM versus software keys) is key management hygiene; no ATLAS technique fits"
#   id: MLC-AZURE-KEYVAULT-004
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7]
#   remediation: Use key_type = "RSA-HSM" (or "EC-HSM") in a Premium vault or a Managed HSM; it creates a new key, so re-wrap the data keys that use it.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AZURE_112]
#   references:
#     - https://learn.microsoft.com/azure/key-vault/keys/about-keys
package mlcomply.azure.keyvault.hsm_key

import data.lib.result
import data.lib.terraform
import rego.v1

_software := {"rsa", "ec"}

deny contains res if {
	some k in terraform.resources("azurerm_key_vault_key")
	is_string(k.config.key_type)
	lower(k.config.key_type) in _software
	res := result.resource(sprintf("Key Vault key %s is software-protected (key_type %s, not an HSM type)", [k.address, k.config.key_type]), k)
}

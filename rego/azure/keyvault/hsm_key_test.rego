package mlcomply.azure.keyvault.hsm_key_test

import data.mlcomply.azure.keyvault.hsm_key as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "azurerm_key_vault_key.k", "type": "azurerm_key_vault_key", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_software_key_denied if {
	_denied({"key_type": "RSA"}) == {"azurerm_key_vault_key.k"}
	_denied({"key_type": "EC"}) == {"azurerm_key_vault_key.k"}
}

test_hsm_key_passes if {
	_denied({"key_type": "RSA-HSM"}) == set()
	_denied({"key_type": "EC-HSM"}) == set()
	_denied({"key_type": "oct-HSM"}) == set()
}

test_unknown_passes if {
	_denied({"key_type": {"__unknown__": "var.kt"}}) == set()
	_denied({}) == set()
}

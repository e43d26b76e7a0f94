package mlcomply.azure.keyvault.expiration_test

import data.mlcomply.azure.keyvault.expiration as rule
import rego.v1

_denied(type_name, cfg) := found if {
	r := {"address": sprintf("%s.a", [type_name]), "type": type_name, "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_no_expiry_denied if {
	_denied("azurerm_key_vault_key", {"key_type": "RSA"}) == {"azurerm_key_vault_key.a"}
	_denied("azurerm_key_vault_secret", {"name": "hf-token"}) == {"azurerm_key_vault_secret.a"}
	_denied("azurerm_key_vault_secret", {"expiration_date": ""}) == {"azurerm_key_vault_secret.a"}
	_denied("azurerm_key_vault_key", {"rotation_policy": [{"automatic": [{"time_before_expiry": "P30D"}]}]}) == {"azurerm_key_vault_key.a"}
}

test_expiry_passes if {
	_denied("azurerm_key_vault_key", {"expiration_date": "2027-12-30T20:00:00Z"}) == set()
	_denied("azurerm_key_vault_secret", {"expiration_date": "2027-12-30T20:00:00Z"}) == set()
	_denied("azurerm_key_vault_key", {"rotation_policy": [{"expire_after": "P90D"}]}) == set()
}

test_other_types_ignored if {
	_denied("azurerm_key_vault", {}) == set()
}

test_unknown_passes if {
	_denied("azurerm_key_vault_secret", {"expiration_date": {"__unknown__": "var.exp"}}) == set()
	_denied("azurerm_key_vault_key", {"rotation_policy": {"__unknown__": "var.rp"}}) == set()
}

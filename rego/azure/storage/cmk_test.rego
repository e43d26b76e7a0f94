package mlcomply.azure.storage.cmk_test

import data.mlcomply.azure.storage.cmk as rule
import rego.v1

_sa(cfg) := {"address": "azurerm_storage_account.s", "type": "azurerm_storage_account", "mode": "managed", "config": cfg}

_key(id) := {"address": "azurerm_storage_account_customer_managed_key.k", "type": "azurerm_storage_account_customer_managed_key", "mode": "managed", "config": {"storage_account_id": id, "key_name": "k"}}

_denied(rs) := found if {
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": rs}}
}

test_missing_key_denied if {
	_denied([_sa({})]) == {"azurerm_storage_account.s"}
	_denied([_sa({}), _key("azurerm_storage_account.other")]) == {"azurerm_storage_account.s"}
}

test_key_passes if {
	_denied([_sa({}), _key("azurerm_storage_account.s")]) == set()
	_denied([_sa({"customer_managed_key": [{"key_vault_key_id": "k"}]})]) == set()
}

test_unknown_passes if {
	_denied([_sa({}), _key({"__unknown__": "var.id"})]) == set()
}

test_account_name_unknown_with_unmatched_key_passes if {
	unmatched := "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Storage/storageAccounts/acme"
	_denied([_sa({"name": {"__unknown__": "var.name"}}), _key(unmatched)]) == set()
	_denied([_sa({"name": "known"}), _key(unmatched)]) == {"azurerm_storage_account.s"}
}

package mlcomply.azure.cognitive.cmk_test

import data.mlcomply.azure.cognitive.cmk as rule
import rego.v1

_acct(cfg) := {"address": "azurerm_cognitive_account.a", "type": "azurerm_cognitive_account", "mode": "managed", "config": cfg}

_key(id) := {"address": "azurerm_cognitive_account_customer_managed_key.k", "type": "azurerm_cognitive_account_customer_managed_key", "mode": "managed", "config": {"cognitive_account_id": id}}

_denied(rs) := found if {
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": rs}}
}

test_missing_key_denied if {
	_denied([_acct({})]) == {"azurerm_cognitive_account.a"}
}

test_key_passes if {
	_denied([_acct({}), _key("azurerm_cognitive_account.a")]) == set()
	_denied([_acct({"customer_managed_key": [{"key_vault_key_id": "k"}]})]) == set()
}

test_unknown_passes if {
	_denied([_acct({}), _key({"__unknown__": "var.id"})]) == set()
}

test_account_name_unknown_with_unmatched_key_passes if {
	unmatched := "/subscriptions/0/resourceGroups/ml/providers/Microsoft.CognitiveServices/accounts/acme"
	_denied([_acct({"name": {"__unknown__": "var.name"}}), _key(unmatched)]) == set()
	_denied([_acct({"name": "known"}), _key(unmatched)]) == {"azurerm_cognitive_account.a"}
}

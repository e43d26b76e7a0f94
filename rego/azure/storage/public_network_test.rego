package mlcomply.azure.storage.public_network_test

import data.mlcomply.azure.storage.public_network as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "azurerm_storage_account.s", "type": "azurerm_storage_account", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_open_account_denied if {
	_denied({}) == {"azurerm_storage_account.s"}
	_denied({"network_rules": [{"default_action": "Allow"}]}) == {"azurerm_storage_account.s"}
}

test_closed_account_passes if {
	_denied({"public_network_access_enabled": false}) == set()
	_denied({"network_rules": [{"default_action": "Deny", "ip_rules": ["203.0.113.0/24"]}]}) == set()
}

test_unknown_passes if {
	_denied({"public_network_access_enabled": {"__unknown__": "var.p"}}) == set()
}

test_separate_rules_resource if {
	sa := {"address": "azurerm_storage_account.s", "type": "azurerm_storage_account", "mode": "managed", "config": {"name": "acme"}}
	rules := {"address": "azurerm_storage_account_network_rules.r", "type": "azurerm_storage_account_network_rules", "mode": "managed", "config": {"storage_account_id": "azurerm_storage_account.s", "default_action": "Deny"}}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [sa, rules]}}
	found == set()
	unresolved := object.union(rules, {"config": {"storage_account_id": {"__unknown__": "var.id"}, "default_action": "Deny"}})
	found2 := {x.address | some x in rule.deny} with input as {"content": {"resources": [sa, unresolved]}}
	found2 == set()
}

package lib.azure.network_test

import data.lib.azure.network
import rego.v1

_sa(cfg) := {"address": "azurerm_storage_account.s", "type": "azurerm_storage_account", "mode": "managed", "config": cfg}

_open(cfg, others) if {
	network.open_to_all(_sa(cfg), "network_rules", "azurerm_storage_account_network_rules", "storage_account_id") with input as {"content": {"resources": array.concat([_sa(cfg)], others)}}
}

test_default_is_open if {
	_open({}, [])
	_open({"network_rules": [{"default_action": "Allow"}]}, [])
}

test_disabled_or_deny_is_closed if {
	not _open({"public_network_access_enabled": false}, [])
	not _open({"network_rules": [{"default_action": "Deny"}]}, [])
	not _open({"public_network_access_enabled": {"__unknown__": "var.p"}}, [])
	not _open({"network_rules": [{"default_action": {"__unknown__": "var.a"}}]}, [])
}

test_separate_rules_resource if {
	rules := {"address": "azurerm_storage_account_network_rules.r", "type": "azurerm_storage_account_network_rules", "mode": "managed", "config": {"storage_account_id": "azurerm_storage_account.s", "default_action": "Deny"}}
	not _open({}, [rules])
	unresolved := {"address": "azurerm_storage_account_network_rules.u", "type": "azurerm_storage_account_network_rules", "mode": "managed", "config": {"storage_account_id": {"__unknown__": "var.id"}, "default_action": "Deny"}}
	not _open({}, [unresolved])
}

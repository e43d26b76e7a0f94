package lib.azure.network_test

import data.lib.azure.network
import rego.v1

_sa(cfg) := {"address": "azurerm_storage_account.s", "type": "azurerm_storage_account", "mode": "managed", "config": cfg}

_open(cfg) if network.open_to_all(_sa(cfg), "network_rules", set())

test_default_is_open if {
	_open({})
	_open({"network_rules": [{"default_action": "Allow"}]})
}

test_disabled_or_deny_is_closed if {
	not _open({"public_network_access_enabled": false})
	not _open({"network_rules": [{"default_action": "Deny"}]})
	not _open({"public_network_access_enabled": {"__unknown__": "var.p"}})
	not _open({"network_rules": [{"default_action": {"__unknown__": "var.a"}}]})
}

test_separate_rules_resource if {
	deny := {"address": "r.d", "config": {"storage_account_id": "azurerm_storage_account.s", "default_action": "Deny"}}
	allow := {"address": "r.a", "config": {"storage_account_id": "azurerm_storage_account.s", "default_action": "Allow"}}
	network.denying_targets([deny, allow], "storage_account_id") == {"azurerm_storage_account.s"}
	network.denying_targets([allow], "storage_account_id") == set()
	not network.open_to_all(_sa({}), "network_rules", {"azurerm_storage_account.s"})
}

package mlcomply.azure.storage.read_logging_test

import data.mlcomply.azure.storage.read_logging as rule
import rego.v1

_sa := {"address": "azurerm_storage_account.sa", "type": "azurerm_storage_account", "mode": "managed", "config": {"name": "mldata"}}

_container(ref) := {"address": "azurerm_storage_container.c", "type": "azurerm_storage_container", "mode": "managed", "config": {"name": "data", "storage_account_name": ref}}

_diag(target) := {"address": "azurerm_monitor_diagnostic_setting.d", "type": "azurerm_monitor_diagnostic_setting", "mode": "managed", "config": {"target_resource_id": target}}

_insights(id) := {"address": "azurerm_log_analytics_storage_insights.i", "type": "azurerm_log_analytics_storage_insights", "mode": "managed", "config": {"storage_account_id": id}}

_denied(rs) := found if {
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": rs}}
}

test_unlogged_container_denied if {
	_denied([_sa, _container("azurerm_storage_account.sa")]) == {"azurerm_storage_container.c"}
	_denied([_sa, _container("mldata")]) == {"azurerm_storage_container.c"}
	# account-level metrics only: no blob read log
	_denied([_sa, _container("azurerm_storage_account.sa"), _diag("azurerm_storage_account.sa")]) == {"azurerm_storage_container.c"}
	_denied([_sa, _container("azurerm_storage_account.sa"), _diag("azurerm_storage_account.other/blobServices/default")]) == {"azurerm_storage_container.c"}
}

test_logged_container_passes if {
	_denied([_sa, _container("azurerm_storage_account.sa"), _diag("azurerm_storage_account.sa/blobServices/default")]) == set()
	_denied([_sa, _container("azurerm_storage_account.sa"), _insights("azurerm_storage_account.sa")]) == set()
}

test_account_defined_elsewhere_passes if {
	_denied([_container("existingaccount")]) == set()
}

test_unknown_passes if {
	_denied([_sa, _container({"__unknown__": "var.account"})]) == set()
	_denied([_sa, _container("azurerm_storage_account.sa"), _diag({"__unknown__": "var.target"})]) == set()
}

test_two_accounts_with_one_literal_name if {
	other := {"address": "module.b.azurerm_storage_account.sa", "type": "azurerm_storage_account", "mode": "managed", "config": {"name": "mldata"}}
	_denied([_sa, other, _container("mldata")]) == {"azurerm_storage_container.c"}
	# either may be the container's account: one logged is enough to stay silent
	_denied([_sa, other, _container("mldata"), _diag("module.b.azurerm_storage_account.sa/blobServices/default")]) == set()
}

# Many containers and accounts in one document: each container judged by the accounts it
# names, by address (azurerm 4) or by name, and an account named by both of its attributes.
test_many_containers_each_judged_alone if {
	sa2 := {"address": "azurerm_storage_account.b", "type": "azurerm_storage_account", "mode": "managed", "config": {"name": "logged"}}
	c := "azurerm_storage_container"
	rs := [
		_sa,
		sa2,
		{"address": "azurerm_storage_container.by_id", "type": c, "mode": "managed", "config": {"storage_account_id": "azurerm_storage_account.sa"}},
		{"address": "azurerm_storage_container.by_name", "type": c, "mode": "managed", "config": {"storage_account_name": "mldata"}},
		{"address": "azurerm_storage_container.logged_by_name", "type": c, "mode": "managed", "config": {"storage_account_name": "logged"}},
		{"address": "azurerm_storage_container.logged_by_id", "type": c, "mode": "managed", "config": {"storage_account_id": "azurerm_storage_account.b"}},
		{"address": "azurerm_storage_container.both", "type": c, "mode": "managed", "config": {"storage_account_id": "azurerm_storage_account.sa", "storage_account_name": "logged"}},
		{"address": "azurerm_storage_container.elsewhere", "type": c, "mode": "managed", "config": {"storage_account_name": "external"}},
		_diag("azurerm_storage_account.b/blobServices/default"),
	]
	_denied(rs) == {"azurerm_storage_container.by_id", "azurerm_storage_container.by_name"}
}

package mlcomply.azure.storage.local_users_test

import data.mlcomply.azure.storage.local_users as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "azurerm_storage_account.s", "type": "azurerm_storage_account", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_local_users_allowed_denied if {
	_denied({"is_hns_enabled": true}) == {"azurerm_storage_account.s"}
	_denied({"local_user_enabled": true}) == {"azurerm_storage_account.s"}
}

test_flat_namespace_default_passes if {
	# local users need SFTP or NFSv3, which need a hierarchical namespace
	_denied({}) == set()
	_denied({"is_hns_enabled": false}) == set()
}

test_disabled_passes if {
	_denied({"local_user_enabled": false, "is_hns_enabled": true}) == set()
	_denied({"local_user_enabled": "false"}) == set()
}

test_unknown_passes if {
	_denied({"local_user_enabled": {"__unknown__": "var.lu"}, "is_hns_enabled": true}) == set()
	_denied({"is_hns_enabled": {"__unknown__": "var.hns"}}) == set()
}

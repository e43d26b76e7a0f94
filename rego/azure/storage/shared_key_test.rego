package mlcomply.azure.storage.shared_key_test

import data.mlcomply.azure.storage.shared_key as rule
import rego.v1

_sa(cfg) := {"address": "azurerm_storage_account.s", "type": "azurerm_storage_account", "mode": "managed", "config": cfg}

_found(cfg) := found if {
	found := {x.msg | some x in rule.deny} with input as {"content": {"resources": [_sa(cfg)]}}
}

test_keys_on_denied if {
	count(_found({})) == 1
	count(_found({"shared_access_key_enabled": true})) == 1
	count(_found({"shared_access_key_enabled": "true"})) == 1
}

test_missing_sas_policy_is_named if {
	some m in _found({})
	contains(m, "no sas_policy")
	some m2 in _found({"sas_policy": [{"expiration_period": "01.00:00:00"}]})
	not contains(m2, "sas_policy")
}

test_keys_off_passes if {
	_found({"shared_access_key_enabled": false}) == set()
	_found({"shared_access_key_enabled": "false"}) == set()
}

test_unknown_passes if {
	_found({"shared_access_key_enabled": {"__unknown__": "var.keys"}}) == set()
}

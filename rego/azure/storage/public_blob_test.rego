package mlcomply.azure.storage.public_blob_test

import data.mlcomply.azure.storage.public_blob as rule
import rego.v1

_denied(type_name, cfg) := found if {
	r := {"address": sprintf("%s.x", [type_name]), "type": type_name, "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_default_and_public_denied if {
	_denied("azurerm_storage_account", {}) == {"azurerm_storage_account.x"}
	_denied("azurerm_storage_account", {"allow_nested_items_to_be_public": true}) == {"azurerm_storage_account.x"}
	_denied("azurerm_storage_container", {"container_access_type": "blob"}) == {"azurerm_storage_container.x"}
}

test_private_passes if {
	_denied("azurerm_storage_account", {"allow_nested_items_to_be_public": false}) == set()
	_denied("azurerm_storage_container", {}) == set()
	_denied("azurerm_storage_container", {"container_access_type": "private"}) == set()
}

test_unknown_passes if {
	_denied("azurerm_storage_account", {"allow_nested_items_to_be_public": {"__unknown__": "var.p"}}) == set()
	_denied("azurerm_storage_container", {"container_access_type": {"__unknown__": "var.t"}}) == set()
}

_account_denied_with(cfg, providers) := found if {
	r := {"address": "azurerm_storage_account.x", "type": "azurerm_storage_account", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r], "providers": providers}}
}

# Before azurerm 3.0 the setting was allow_blob_public_access, false by default.
test_default_follows_the_azurerm_version if {
	old := {"azurerm": {"max_major": 2}}
	_account_denied_with({}, old) == set()
	_account_denied_with({"allow_blob_public_access": true}, old) == {"azurerm_storage_account.x"}
	_account_denied_with({}, {"azurerm": {"max_major": 3}}) == {"azurerm_storage_account.x"}
	_account_denied_with({}, {"azurerm": {"max_major": null}}) == {"azurerm_storage_account.x"}
	unreadable := {"azurerm": {"max_major": {"__unknown__": "unreadable"}}}
	_account_denied_with({}, unreadable) == set()
	_account_denied_with({"allow_nested_items_to_be_public": true}, unreadable) == {"azurerm_storage_account.x"}
}

_severities(type_name, cfg) := found if {
	r := {"address": sprintf("%s.x", [type_name]), "type": type_name, "mode": "managed", "config": cfg}
	found := {object.get(x, "severity", "rule") | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_account_flag_is_medium_a_public_container_keeps_the_rule_severity if {
	_severities("azurerm_storage_account", {}) == {"medium"}
	_severities("azurerm_storage_container", {"container_access_type": "container"}) == {"rule"}
}

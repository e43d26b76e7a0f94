package mlcomply.azure.storage.tls_test

import data.mlcomply.azure.storage.tls as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "azurerm_storage_account.s", "type": "azurerm_storage_account", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_old_tls_denied if {
	_denied({"min_tls_version": "TLS1_0"}) == {"azurerm_storage_account.s"}
	_denied({"min_tls_version": "TLS1_1"}) == {"azurerm_storage_account.s"}
}

test_default_and_tls12_pass if {
	_denied({}) == set()
	_denied({"min_tls_version": "TLS1_2"}) == set()
}

test_unknown_passes if {
	_denied({"min_tls_version": {"__unknown__": "var.tls"}}) == set()
}

_denied_with(cfg, providers) := found if {
	r := {"address": "azurerm_storage_account.s", "type": "azurerm_storage_account", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r], "providers": providers}}
}

# Unset means TLS1_0 when the constraints allow only azurerm 2.x, TLS1_2 from 3.0.
test_unset_follows_the_azurerm_version if {
	_denied_with({}, {"azurerm": {"max_major": 2}}) == {"azurerm_storage_account.s"}
	_denied_with({}, {"azurerm": {"max_major": 3}}) == set()
	_denied_with({}, {"azurerm": {"max_major": null}}) == set()
	_denied_with({}, {"azurerm": {"max_major": {"__unknown__": "unreadable"}}}) == set()
	_denied_with({"min_tls_version": "TLS1_2"}, {"azurerm": {"max_major": 2}}) == set()
}

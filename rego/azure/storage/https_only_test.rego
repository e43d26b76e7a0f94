package mlcomply.azure.storage.https_only_test

import data.mlcomply.azure.storage.https_only as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "azurerm_storage_account.s", "type": "azurerm_storage_account", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_http_allowed_denied if {
	_denied({"https_traffic_only_enabled": false}) == {"azurerm_storage_account.s"}
	_denied({"enable_https_traffic_only": "false"}) == {"azurerm_storage_account.s"}
}

test_default_and_true_pass if {
	_denied({}) == set()
	_denied({"https_traffic_only_enabled": true}) == set()
}

test_unknown_passes if {
	_denied({"https_traffic_only_enabled": {"__unknown__": "var.h"}}) == set()
}

package mlcomply.azure.purview.public_network_test

import data.mlcomply.azure.purview.public_network as rule
import rego.v1

_msgs(cfg) := found if {
	p := {"address": "azurerm_purview_account.p", "type": "azurerm_purview_account", "mode": "managed", "config": cfg}
	found := {r.msg | some r in rule.deny} with input as {"content": {"resources": [p]}}
}

test_default_and_true_denied if {
	_msgs({"name": "p"}) == {"Purview account azurerm_purview_account.p accepts connections from public networks"}
	_msgs({"public_network_enabled": true}) == {"Purview account azurerm_purview_account.p accepts connections from public networks"}
}

test_disabled_or_unknown_passes if {
	_msgs({"public_network_enabled": false}) == set()
	_msgs({"public_network_enabled": {"__unknown__": "var.public"}}) == set()
}

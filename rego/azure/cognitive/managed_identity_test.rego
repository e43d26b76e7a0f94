package mlcomply.azure.cognitive.managed_identity_test

import data.mlcomply.azure.cognitive.managed_identity as rule
import rego.v1

_denied(type_name, cfg) := found if {
	r := {"address": sprintf("%s.a", [type_name]), "type": type_name, "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_missing_denied if {
	_denied("azurerm_cognitive_account", {}) == {"azurerm_cognitive_account.a"}
	_denied("azurerm_search_service", {}) == {"azurerm_search_service.a"}
	_denied("azurerm_search_service", {"identity": [{"type": "None"}]}) == {"azurerm_search_service.a"}
}

test_identity_passes if {
	_denied("azurerm_cognitive_account", {"identity": [{"type": "SystemAssigned"}]}) == set()
	_denied("azurerm_search_service", {"identity": [{"type": "UserAssigned", "identity_ids": ["x"]}]}) == set()
}

test_unknown_passes if {
	_denied("azurerm_cognitive_account", {"identity": {"__unknown__": "var.id"}}) == set()
	_denied("azurerm_cognitive_account", {"identity": [{"type": {"__unknown__": "var.t"}}]}) == set()
}

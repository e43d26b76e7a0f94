package mlcomply.azure.retention.personal_data_test

import data.mlcomply.azure.retention.personal_data as rule
import rego.v1

_account := {"address": "azurerm_storage_account.a", "type": "azurerm_storage_account", "mode": "managed", "config": {"name": "acme", "tags": {"gdpr": "subject-data"}}}

_policy(target, actions) := {
	"address": "azurerm_storage_management_policy.p", "type": "azurerm_storage_management_policy", "mode": "managed",
	"config": {"storage_account_id": target, "rule": [{"name": "r", "enabled": true, "actions": [actions]}]},
}

_count(resources) := n if {
	n := count(rule.deny) with input as {"content": {"resources": resources}}
}

test_tagged_account_without_delete_denied if {
	_count([_account]) == 1
	_count([_account, _policy("azurerm_storage_account.a", {"base_blob": [{"tier_to_cool_after_days_since_modification_greater_than": 30}]})]) == 1
}

test_delete_policy_or_unknown_passes if {
	_count([_account, _policy("azurerm_storage_account.a", {"base_blob": [{"delete_after_days_since_modification_greater_than": 365}]})]) == 0
	_count([_account, _policy({"__unknown__": "var.id"}, {})]) == 0
}

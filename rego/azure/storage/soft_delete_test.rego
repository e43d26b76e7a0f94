package mlcomply.azure.storage.soft_delete_test

import data.mlcomply.azure.storage.soft_delete as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "azurerm_storage_account.s", "type": "azurerm_storage_account", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_unprotected_denied if {
	_denied({}) == {"azurerm_storage_account.s"}
	_denied({"blob_properties": [{"versioning_enabled": false}]}) == {"azurerm_storage_account.s"}
	_denied({"blob_properties": [{"container_delete_retention_policy": [{"days": 7}]}]}) == {"azurerm_storage_account.s"}
	_denied({"account_kind": "StorageV2"}) == {"azurerm_storage_account.s"}
}

test_soft_delete_or_versioning_passes if {
	_denied({"blob_properties": [{"delete_retention_policy": [{"days": 14}]}]}) == set()
	_denied({"blob_properties": [{"versioning_enabled": true}]}) == set()
	_denied({"account_kind": "FileStorage"}) == set()
}

test_unknown_passes if {
	_denied({"blob_properties": {"__unknown__": "var.bp"}}) == set()
	_denied({"blob_properties": [{"delete_retention_policy": {"__unknown__": "var.d"}}]}) == set()
	_denied({"blob_properties": [{"versioning_enabled": {"__unknown__": "var.v"}}]}) == set()
	_denied({"account_kind": {"__unknown__": "var.kind"}}) == set()
}

package mlcomply.azure.ml.datastore_keys_test

import data.mlcomply.azure.ml.datastore_keys as rule
import rego.v1

_denied(type_name, cfg) := found if {
	r := {"address": sprintf("%s.a", [type_name]), "type": type_name, "mode": "managed", "config": cfg}
	found := {x.msg | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_keys_denied if {
	_denied("azurerm_machine_learning_datastore_blobstorage", {"account_key": "k"}) == {"Azure ML datastore azurerm_machine_learning_datastore_blobstorage.a authenticates with account_key instead of an identity"}
	count(_denied("azurerm_machine_learning_datastore_fileshare", {"shared_access_signature": "sv=1"})) == 1
	count(_denied("azurerm_machine_learning_datastore_datalake_gen2", {"client_id": "c", "client_secret": "s", "tenant_id": "t"})) == 1
}

test_identity_based_passes if {
	_denied("azurerm_machine_learning_datastore_blobstorage", {"storage_container_id": "c"}) == set()
	_denied("azurerm_machine_learning_datastore_blobstorage", {"account_key": ""}) == set()
	_denied("azurerm_machine_learning_datastore_datalake_gen2", {"storage_container_id": "c"}) == set()
}

test_reference_to_an_access_key_denied if {
	count(_denied("azurerm_machine_learning_datastore_blobstorage", {"account_key": {"__unknown__": "azurerm_storage_account.data.primary_access_key"}})) == 1
	count(_denied("azurerm_machine_learning_datastore_fileshare", {"shared_access_signature": {"__unknown__": "data.azurerm_storage_account_sas.s.sas"}})) == 1
}

test_unknown_passes if {
	_denied("azurerm_machine_learning_datastore_blobstorage", {"account_key": {"__unknown__": "azurerm_storage_account.data.name"}}) == set()
	_denied("azurerm_machine_learning_datastore_blobstorage", {"account_key": {"__unknown__": "var.key"}}) == set()
}

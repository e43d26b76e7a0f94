# METADATA
# title: Azure ML datastore authenticates with an account key, SAS token or client secret
# description: >-
#   An azurerm_machine_learning_datastore_blobstorage or _fileshare sets account_key or
#   shared_access_signature, or a _datalake_gen2 datastore sets client_secret: every user of
#   the workspace reads (and usually writes) the training data with a static secret stored in
#   the workspace, with no per-user identity or audit behind it.
# custom:
#   id: MLC-AZURE-ML-007
#   severity: medium
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0055, AML.T0012]
#   remediation: >-
#     Leave the credentials out (identity-based access) and grant Storage Blob Data Reader to
#     the users and compute identities; set service_data_auth_identity where the workspace
#     itself must read.
#   input_kinds: [terraform]
#   references:
#     - https://learn.microsoft.com/azure/machine-learning/how-to-identity-based-data-access
package mlcomply.azure.ml.datastore_keys

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_credential_attrs := {
	"azurerm_machine_learning_datastore_blobstorage": ["account_key", "shared_access_signature"],
	"azurerm_machine_learning_datastore_fileshare": ["account_key", "shared_access_signature"],
	"azurerm_machine_learning_datastore_datalake_gen2": ["client_secret"],
}

# A literal (or variable-supplied) credential.
_used(v) if {
	is_string(v)
	v != ""
}

# A reference that always yields a credential: a storage account's access key or a SAS data
# source (a variable might be null, so other unknown values stay silent).
_used(v) if {
	terraform.is_unknown(v)
	regex.match(`^(data\.azurerm_storage_account(_blob_container)?_sas\.[A-Za-z0-9_-]+\.sas|azurerm_storage_account\.[A-Za-z0-9_-]+(\[[^\]]*\])?\.(primary|secondary)_access_key)$`, v.__unknown__)
}

deny contains res if {
	some type_name, attrs in _credential_attrs
	some d in terraform.resources(type_name)
	used := [a | some a in attrs; _used(object.get(d.config, a, null))]
	count(used) > 0
	res := result.resource(sprintf("Azure ML datastore %s authenticates with %s instead of an identity", [d.address, concat(" and ", used)]), d)
}

# METADATA
# title: Azure Databricks workspace without a customer-managed key for DBFS
# description: >-
#   An azurerm_databricks_workspace does not set customer_managed_key_enabled = true, or no
#   azurerm_databricks_workspace_root_dbfs_customer_managed_key points at it: the DBFS root,
#   where notebooks write datasets, checkpoints and MLflow artifacts by default, is encrypted
#   with Microsoft-managed keys only.
# custom:
#   id: MLC-AZURE-DATABRICKS-003
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: >-
#     Set customer_managed_key_enabled = true (Premium SKU) and add an
#     azurerm_databricks_workspace_root_dbfs_customer_managed_key with a Key Vault key.
#   input_kinds: [terraform]
#   checkov_ids: [CKV2_AZURE_48]
#   references:
#     - https://learn.microsoft.com/azure/databricks/security/keys/customer-managed-keys-dbfs
package mlcomply.azure.databricks.cmk

import data.lib.config
import data.lib.refs
import data.lib.result
import data.lib.terraform
import rego.v1

_keyed := refs.targets(terraform.resources("azurerm_databricks_workspace_root_dbfs_customer_managed_key"), "workspace_id")

_cmk(w) if {
	not config.is_false(config.value(w.config, "customer_managed_key_enabled", false))
	refs.targeted(_keyed, w, "name")
}

# The key resource names a workspace the scan cannot resolve: it may be this one.
_cmk(w) if {
	not config.is_false(config.value(w.config, "customer_managed_key_enabled", false))
	refs.unresolved("azurerm_databricks_workspace_root_dbfs_customer_managed_key", "workspace_id")
}

deny contains res if {
	some w in terraform.resources("azurerm_databricks_workspace")
	not _cmk(w)
	res := result.resource(sprintf("Databricks workspace %s encrypts its DBFS root with Microsoft-managed keys only", [w.address]), w)
}

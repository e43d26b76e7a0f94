# METADATA
# title: Azure storage account accepts plain HTTP
# description: >-
#   https_traffic_only_enabled (azurerm 4.x) or enable_https_traffic_only (3.x) is false:
#   data and SAS tokens can travel unencrypted. Both default to true.
# custom:
#   id: MLC-AZURE-STORAGE-003
#   severity: high
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0035, AML.T0010.002]
#   remediation: Remove the attribute or set it to true.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AZURE_3]
#   references:
#     - https://learn.microsoft.com/azure/storage/common/storage-require-secure-transfer
package mlcomply.azure.storage.https_only

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some sa in terraform.resources("azurerm_storage_account")
	some attr in ["https_traffic_only_enabled", "enable_https_traffic_only"]
	config.is_false(sa.config[attr])
	res := result.resource(sprintf("storage account %s accepts plain HTTP (%s = false)", [sa.address, attr]), sa)
}

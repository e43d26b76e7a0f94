# METADATA
# title: Azure storage account accepts TLS older than 1.2
# description: >-
#   min_tls_version is "TLS1_0" or "TLS1_1". (Unset means "TLS1_2", the azurerm default
#   since provider 3.0, and is not reported.)
# custom:
#   id: MLC-AZURE-STORAGE-002
#   severity: medium
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7]
#   remediation: Set min_tls_version = "TLS1_2" (or remove the attribute).
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AZURE_44]
#   references:
#     - https://learn.microsoft.com/azure/storage/common/transport-layer-security-configure-minimum-version
package mlcomply.azure.storage.tls

import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some sa in terraform.resources("azurerm_storage_account")
	sa.config.min_tls_version in {"TLS1_0", "TLS1_1"}
	res := result.resource(sprintf("storage account %s accepts %s", [sa.address, sa.config.min_tls_version]), sa)
}

# METADATA
# title: Azure storage account accepts TLS older than 1.2
# description: >-
#   min_tls_version is "TLS1_0" or "TLS1_1", or unset while the configuration's azurerm
#   version constraints allow only versions before 3.0 (whose default is "TLS1_0"). Unset
#   means "TLS1_2", the default since azurerm 3.0, and is not reported when the constraints
#   allow 3.0 or later, set none, or cannot be read.
# custom:
#   id: MLC-AZURE-STORAGE-002
#   severity: medium
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0035, AML.T0010.002]
#   remediation: Set min_tls_version = "TLS1_2" (or remove the attribute).
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AZURE_44]
#   references:
#     - https://learn.microsoft.com/azure/storage/common/transport-layer-security-configure-minimum-version
package mlcomply.azure.storage.tls

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some sa in terraform.resources("azurerm_storage_account")
	sa.config.min_tls_version in {"TLS1_0", "TLS1_1"}
	res := result.resource(sprintf("storage account %s accepts %s", [sa.address, sa.config.min_tls_version]), sa)
}

deny contains res if {
	major := terraform.provider_max_major("azurerm")
	major < 3
	some sa in terraform.resources("azurerm_storage_account")
	not config.has(sa.config, "min_tls_version")
	msg := "storage account %s accepts TLS1_0 (min_tls_version is unset, and before azurerm 3.0, the newest version the configuration's constraints allow, the default is TLS1_0)"
	res := result.resource(sprintf(msg, [sa.address]), sa)
}

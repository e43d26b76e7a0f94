# METADATA
# title: Container registry with the admin account enabled
# description: >-
#   admin_enabled = true on an azurerm_container_registry: one shared username and password
#   with push and pull rights on every repository, the training and serving images of the
#   Azure ML workspace included, with no identity behind it in the audit log.
# custom:
#   id: MLC-AZURE-ACR-001
#   severity: medium
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0012, AML.T0010.004]
#   remediation: >-
#     Set admin_enabled = false and grant AcrPull / AcrPush to the workspace's and the
#     cluster's managed identities (Azure ML uses its identity when the admin user is off).
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AZURE_137]
#   references:
#     - https://learn.microsoft.com/azure/container-registry/container-registry-authentication#admin-account
#     - https://learn.microsoft.com/azure/machine-learning/how-to-identity-based-service-authentication
package mlcomply.azure.acr.admin_account

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some acr in terraform.resources("azurerm_container_registry")
	config.is_true(config.value(acr.config, "admin_enabled", false))
	res := result.resource(sprintf("container registry %s has the shared admin account enabled", [acr.address]), acr)
}

# METADATA
# title: Azure ML workspace without a customer-managed key
# description: >-
#   The workspace has no encryption block (key_vault_id, key_id): the Cosmos DB, search and
#   storage resources that hold its run history, metrics and metadata are encrypted with
#   Microsoft-managed keys only.
# custom:
#   id: MLC-AZURE-ML-002
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: Add encryption { key_vault_id, key_id } (set at creation time).
#   input_kinds: [terraform]
#   references:
#     - https://learn.microsoft.com/azure/machine-learning/concept-customer-managed-keys
package mlcomply.azure.ml.workspace_cmk

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_cmk(ws) if {
	some e in config.blocks(ws.config, "encryption")
	config.is_set(e, "key_id")
}

_cmk(ws) if config.block_unknown(ws.config, "encryption")

deny contains res if {
	some ws in terraform.resources("azurerm_machine_learning_workspace")
	not _cmk(ws)
	res := result.resource(sprintf("Azure ML workspace %s is not encrypted with a customer-managed key", [ws.address]), ws)
}

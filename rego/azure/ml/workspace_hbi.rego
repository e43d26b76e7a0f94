# METADATA
# title: Azure ML workspace not flagged high business impact
# description: >-
#   high_business_impact is unset or false (the default): Azure ML collects more diagnostic
#   data from the workspace and does not apply the extra protections (e.g. encrypted local
#   scratch disks on compute) that a workspace handling sensitive training data needs.
# custom:
#   id: MLC-AZURE-ML-003
#   severity: low
#   profile: strict
#   category: privacy
#   nist_ai_rmf: [MEASURE 2.10]
#   atlas_none: "a telemetry classification flag; it prevents or detects no ATLAS technique"
#   remediation: Set high_business_impact = true when the workspace processes personal or confidential data.
#   input_kinds: [terraform]
#   references:
#     - https://learn.microsoft.com/azure/machine-learning/concept-data-encryption
package mlcomply.azure.ml.workspace_hbi

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some ws in terraform.resources("azurerm_machine_learning_workspace")
	config.is_false(config.value(ws.config, "high_business_impact", false))
	res := result.resource(sprintf("Azure ML workspace %s is not a high-business-impact workspace", [ws.address]), ws)
}

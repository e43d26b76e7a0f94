# METADATA
# title: Cognitive Services / Azure OpenAI account accepts API keys
# description: >-
#   local_auth_enabled is unset or true (the default) on an azurerm_cognitive_account: static
#   API keys, which leak into notebooks and CI logs and carry no identity, can call the
#   models instead of Entra ID tokens.
# custom:
#   id: MLC-AZURE-COGNITIVE-002
#   severity: medium
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0012]
#   remediation: Set local_auth_enabled = false and grant callers the Cognitive Services User role.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AZURE_236]
#   references:
#     - https://learn.microsoft.com/azure/ai-services/disable-local-auth
package mlcomply.azure.cognitive.local_auth

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some acct in terraform.resources("azurerm_cognitive_account")
	config.is_true(config.value(acct.config, "local_auth_enabled", true))
	res := result.resource(sprintf("Cognitive Services account %s accepts API keys (local authentication)", [acct.address]), acct)
}

# METADATA
# title: Cognitive Services / Azure OpenAI account without a customer-managed key
# description: >-
#   The account has no customer_managed_key block and no
#   azurerm_cognitive_account_customer_managed_key refers to it: fine-tuning data, uploaded
#   files and stored completions are encrypted with Microsoft-managed keys only.
# custom:
#   id: MLC-AZURE-COGNITIVE-003
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: >-
#     Add an azurerm_cognitive_account_customer_managed_key (cognitive_account_id,
#     key_vault_key_id) or a customer_managed_key block, with a managed identity.
#   input_kinds: [terraform]
#   checkov_ids: [CKV2_AZURE_22]
#   references:
#     - https://learn.microsoft.com/azure/ai-services/openai/encrypt-data-at-rest
package mlcomply.azure.cognitive.cmk

import data.lib.config
import data.lib.refs
import data.lib.result
import data.lib.terraform
import rego.v1

_type := "azurerm_cognitive_account_customer_managed_key"

_cmk(acct) if count(config.blocks(acct.config, "customer_managed_key")) > 0

_cmk(acct) if config.block_unknown(acct.config, "customer_managed_key")

_keyed := refs.targets(terraform.resources(_type), "cognitive_account_id")

_any_unresolved if refs.unresolved(_type, "cognitive_account_id")

_cmk(acct) if refs.targeted(_keyed, acct, "name")

_cmk(_) if _any_unresolved

# A key resource naming no known account may be this one's when its own name is unknown.
_unmatched := refs.unmatched(_keyed, "azurerm_cognitive_account", "name")

_cmk(acct) if refs.maybe_targeted(_unmatched, acct, "name")

deny contains res if {
	some acct in terraform.resources("azurerm_cognitive_account")
	not _cmk(acct)
	res := result.resource(sprintf("Cognitive Services account %s is not encrypted with a customer-managed key", [acct.address]), acct)
}

# METADATA
# title: SSM parameter stored as plain String
# description: >-
#   type is "String" or "StringList": the value is stored and returned unencrypted, and anyone
#   with ssm:GetParameter (or the Terraform state) reads it. Pipelines keep API keys, database
#   URLs and model registry tokens in SSM; a name that says so is reported at the rule's
#   severity, other plain parameters at low.
# custom:
#   id: MLC-AWS-SSM-001
#   severity: medium
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0055]
#   remediation: "Use type = \"SecureString\" (with key_id set to a customer-managed key) for anything sensitive."
#   input_kinds: [terraform]
#   checkov_ids: [CKV2_AWS_34]
#   references:
#     - https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-securestring.html
package mlcomply.aws.ssm.plain_parameter

import data.lib.result
import data.lib.terraform
import rego.v1

_sensitive(name) if regex.match(`(?i)(secret|passw|token|api[_-]?key|credential|private[_-]?key|conn(ection)?[_-]?str|dsn)`, name)

deny contains res if {
	some p in terraform.resources("aws_ssm_parameter")
	p.config.type in {"String", "StringList"}
	name := object.get(p.config, "name", "")
	is_string(name)
	_sensitive(name)
	res := result.resource(sprintf("SSM parameter %s has a credential-like name and is stored unencrypted", [p.address]), p)
}

deny contains res if {
	some p in terraform.resources("aws_ssm_parameter")
	p.config.type in {"String", "StringList"}
	name := object.get(p.config, "name", "")
	is_string(name)
	not _sensitive(name)
	msg := sprintf("SSM parameter %s is stored unencrypted", [p.address])
	res := result.with_severity(result.resource(msg, p), "low", "the parameter's name does not suggest a credential")
}

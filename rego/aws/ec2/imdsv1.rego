# METADATA
# title: EC2 instance or launch template allows IMDSv1
# description: >-
#   metadata_options.http_tokens is not "required" (or metadata_options is missing): code on
#   the instance, including a model server tricked into fetching a URL (SSRF), can read the
#   instance role's credentials from the metadata service without a session token. Launch
#   templates are how EKS node groups and training fleets get this setting.
# custom:
#   id: MLC-AWS-EC2-001
#   severity: medium
#   category: network
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0055]
#   remediation: "Set metadata_options { http_tokens = \"required\" } (and http_put_response_hop_limit = 1 unless containers need 2)."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_79]
#   references:
#     - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html
#     - https://docs.aws.amazon.com/eks/latest/userguide/launch-templates.html
package mlcomply.aws.ec2.imdsv1

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some type_name in ["aws_instance", "aws_launch_template"]
	some r in terraform.resources(type_name)
	not config.block_unknown(r.config, "metadata_options")
	not _protected(r)
	res := result.resource(sprintf("%s allows IMDSv1 (metadata_options.http_tokens is not \"required\")", [r.address]), r)
}

_protected(r) if {
	some m in config.blocks(r.config, "metadata_options")
	_safe(m)
}

_safe(m) if config.value(m, "http_tokens", "optional") != "optional"

_safe(m) if config.value(m, "http_endpoint", "enabled") == "disabled"

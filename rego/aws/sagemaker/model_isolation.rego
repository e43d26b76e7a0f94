# METADATA
# title: SageMaker model without network isolation
# description: >-
#   enable_network_isolation is unset or false (the default): the inference container can
#   make outbound calls, so a compromised or malicious model can exfiltrate inputs and
#   predictions or fetch code at run time.
# custom:
#   id: MLC-AWS-SAGEMAKER-005
#   severity: medium
#   category: network
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0025, AML.T0072]
#   remediation: Set enable_network_isolation = true on the aws_sagemaker_model.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_370]
#   references:
#     - https://docs.aws.amazon.com/sagemaker/latest/dg/mkt-algo-model-internet-free.html
package mlcomply.aws.sagemaker.model_isolation

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some m in terraform.resources("aws_sagemaker_model")
	config.is_false(config.value(m.config, "enable_network_isolation", false))
	res := result.resource(sprintf("SageMaker model %s does not enable network isolation", [m.address]), m)
}

# METADATA
# title: SageMaker notebook instance with root access
# description: >-
#   root_access is "Enabled" or unset (the provider default is "Enabled"): any notebook user
#   can change the instance's software, disable its controls and read every credential on it.
# custom:
#   id: MLC-AWS-SAGEMAKER-002
#   severity: medium
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas_none: "over-broad permissions widen any compromise; ATLAS names no technique for excess privilege itself"
#   remediation: Set root_access = "Disabled"; install packages through lifecycle configurations.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_307]
#   references:
#     - https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-root-access.html
#     - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sagemaker_notebook_instance
package mlcomply.aws.sagemaker.notebook_root

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some nb in terraform.resources("aws_sagemaker_notebook_instance")
	config.value(nb.config, "root_access", "Enabled") == "Enabled"
	res := result.resource(sprintf("SageMaker notebook instance %s gives its users root access", [nb.address]), nb)
}

# METADATA
# title: SageMaker notebook instance outside a VPC
# description: >-
#   subnet_id is unset, so the notebook runs in a SageMaker-managed network instead of the
#   customer's VPC: no security groups, VPC endpoints or flow logs apply to its traffic.
# custom:
#   id: MLC-AWS-SAGEMAKER-004
#   severity: medium
#   category: network
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0025]
#   remediation: Set subnet_id (a private subnet) and security_groups on the notebook instance.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_306]
#   references:
#     - https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html
package mlcomply.aws.sagemaker.notebook_vpc

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some nb in terraform.resources("aws_sagemaker_notebook_instance")
	not config.is_set(nb.config, "subnet_id")
	res := result.resource(sprintf("SageMaker notebook instance %s is not launched in a VPC subnet", [nb.address]), nb)
}

# METADATA
# title: SageMaker notebook instance with direct internet access
# description: >-
#   direct_internet_access is "Enabled" or unset (the provider default is "Enabled"): the
#   notebook, which holds credentials for data and model stores, reaches and is reachable from
#   the internet outside the VPC's controls, and data can leave without passing them.
# custom:
#   id: MLC-AWS-SAGEMAKER-001
#   severity: medium
#   category: network
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0025]
#   remediation: >-
#     Set direct_internet_access = "Disabled" with a subnet_id and security_groups, and reach
#     the internet (if at all) through a NAT gateway and VPC endpoints.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_122]
#   references:
#     - https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html
#     - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sagemaker_notebook_instance
package mlcomply.aws.sagemaker.notebook_internet

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some nb in terraform.resources("aws_sagemaker_notebook_instance")
	config.value(nb.config, "direct_internet_access", "Enabled") == "Enabled"
	res := result.resource(sprintf("SageMaker notebook instance %s has direct internet access", [nb.address]), nb)
}

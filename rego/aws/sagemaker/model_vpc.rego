# METADATA
# title: SageMaker model without a VPC configuration
# description: >-
#   The model has no vpc_config block, so its hosted and batch-transform containers run
#   outside the customer's VPC: model artifacts and inference data travel over networks the
#   customer's security groups and endpoints do not govern.
# custom:
#   id: MLC-AWS-SAGEMAKER-006
#   severity: medium
#   category: network
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0025]
#   remediation: Add vpc_config { subnets = [...], security_group_ids = [...] } with private subnets.
#   input_kinds: [terraform]
#   references:
#     - https://docs.aws.amazon.com/sagemaker/latest/dg/host-vpc.html
package mlcomply.aws.sagemaker.model_vpc

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some m in terraform.resources("aws_sagemaker_model")
	count(config.blocks(m.config, "vpc_config")) == 0
	not config.block_unknown(m.config, "vpc_config")
	res := result.resource(sprintf("SageMaker model %s has no vpc_config", [m.address]), m)
}

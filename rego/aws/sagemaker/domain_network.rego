# METADATA
# title: SageMaker domain with public internet access
# description: >-
#   app_network_access_type is "PublicInternetOnly" or unset (the default): Studio apps reach
#   the internet through a SageMaker-managed network, bypassing the VPC's security groups,
#   endpoints and egress controls.
# custom:
#   id: MLC-AWS-SAGEMAKER-011
#   severity: medium
#   category: network
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0025]
#   remediation: Set app_network_access_type = "VpcOnly" with private subnet_ids and VPC endpoints.
#   input_kinds: [terraform]
#   references:
#     - https://docs.aws.amazon.com/sagemaker/latest/dg/studio-notebooks-and-internet-access.html
package mlcomply.aws.sagemaker.domain_network

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some d in terraform.resources("aws_sagemaker_domain")
	config.value(d.config, "app_network_access_type", "PublicInternetOnly") == "PublicInternetOnly"
	res := result.resource(sprintf("SageMaker domain %s gives Studio apps public internet access", [d.address]), d)
}

# METADATA
# title: SageMaker notebook instance allows IMDSv1
# description: >-
#   instance_metadata_service_configuration.minimum_instance_metadata_service_version is not
#   "2" (the default is "1"): code in the notebook, or a library it imports, can read the
#   execution role's credentials from the metadata service without a session token.
# custom:
#   id: MLC-AWS-SAGEMAKER-013
#   severity: medium
#   category: network
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0055]
#   remediation: "Set instance_metadata_service_configuration { minimum_instance_metadata_service_version = \"2\" }."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_371]
#   references:
#     - https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-imds.html
package mlcomply.aws.sagemaker.notebook_imds

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some nb in terraform.resources("aws_sagemaker_notebook_instance")
	not config.block_unknown(nb.config, "instance_metadata_service_configuration")
	not _v2(nb)
	res := result.resource(sprintf("SageMaker notebook instance %s allows IMDSv1", [nb.address]), nb)
}

_v2(nb) if {
	some m in config.blocks(nb.config, "instance_metadata_service_configuration")
	config.value(m, "minimum_instance_metadata_service_version", "1") != "1"
}

# METADATA
# title: SageMaker endpoint configuration without data capture
# description: >-
#   The endpoint configuration has no data_capture_config, or one with enable_capture =
#   false: requests and predictions are not recorded, so drift, misuse and quality problems
#   in production cannot be monitored or investigated.
# custom:
#   id: MLC-AWS-SAGEMAKER-009
#   severity: low
#   profile: strict
#   category: logging
#   nist_ai_rmf: [MEASURE 2.4, MANAGE 4.1]
#   atlas: [AML.T0040, AML.T0024]
#   remediation: >-
#     Add data_capture_config { enable_capture = true, initial_sampling_percentage,
#     destination_s3_uri, kms_key_id, capture_options { capture_mode = "Input" / "Output" } }
#     and a model monitoring schedule over the captured data.
#   input_kinds: [terraform]
#   references:
#     - https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-data-capture.html
package mlcomply.aws.sagemaker.endpoint_data_capture

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_captures(ec) if {
	some dc in config.blocks(ec.config, "data_capture_config")
	not config.is_false(config.value(dc, "enable_capture", true))
}

_captures(ec) if config.block_unknown(ec.config, "data_capture_config")

deny contains res if {
	some ec in terraform.resources("aws_sagemaker_endpoint_configuration")
	not _captures(ec)
	res := result.resource(sprintf("SageMaker endpoint configuration %s does not capture inference data", [ec.address]), ec)
}

# METADATA
# title: SageMaker model container image not pinned by digest
# description: >-
#   A primary_container or container of the model names its inference image by tag (or
#   without one). Tags move: the image that serves tomorrow may not be the one that was
#   scanned and evaluated. Images resolved from unknown values are not reported.
# custom:
#   id: MLC-AWS-SAGEMAKER-007
#   severity: low
#   category: supply-chain
#   nist_ai_rmf: [MAP 4.2, MEASURE 2.7, GOVERN 6.1]
#   atlas: [AML.T0010.004]
#   remediation: >-
#     Reference the image as <registry>/<repository>@sha256:<digest> (for example from an
#     aws_ecr_image data source's image_digest), and make the ECR repository tag-immutable.
#   input_kinds: [terraform]
#   references:
#     - https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ContainerDefinition.html
package mlcomply.aws.sagemaker.model_image_digest

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_unpinned(image) if {
	is_string(image)
	not regex.match(`@sha256:[0-9a-f]{64}$`, image)
}

deny contains res if {
	some m in terraform.resources("aws_sagemaker_model")
	some block in ["primary_container", "container"]
	some c in config.blocks(m.config, block)
	_unpinned(c.image)
	res := result.resource(sprintf("SageMaker model %s runs image %q, not pinned by digest", [m.address, c.image]), m)
}

# METADATA
# title: ECR repository with mutable image tags
# description: >-
#   image_tag_mutability is "MUTABLE" or unset (the provider default is "MUTABLE"): anyone
#   who can push can replace the training or serving image behind a tag that pipelines and
#   endpoints already trust.
# custom:
#   id: MLC-AWS-ECR-001
#   severity: medium
#   category: supply-chain
#   nist_ai_rmf: [MAP 4.2, MEASURE 2.7]
#   atlas: [AML.T0010.004]
#   remediation: Set image_tag_mutability = "IMMUTABLE" and deploy images by digest.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_51]
#   references:
#     - https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html
package mlcomply.aws.ecr.tag_immutability

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some repo in terraform.resources("aws_ecr_repository")
	config.value(repo.config, "image_tag_mutability", "MUTABLE") == "MUTABLE"
	res := result.resource(sprintf("ECR repository %s allows image tags to be overwritten", [repo.address]), repo)
}

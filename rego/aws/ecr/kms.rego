# METADATA
# title: ECR repository not encrypted with KMS
# description: >-
#   The repository has no encryption_configuration, or one with encryption_type "AES256"
#   (the default): images, which embed model weights and code, are encrypted with an
#   S3-managed key rather than a KMS key whose policy the customer controls.
# custom:
#   id: MLC-AWS-ECR-003
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: Add encryption_configuration { encryption_type = "KMS", kms_key = aws_kms_key.<key>.arn }.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_136]
#   references:
#     - https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html
package mlcomply.aws.ecr.kms

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_kms(repo) if {
	some ec in config.blocks(repo.config, "encryption_configuration")
	not config.value(ec, "encryption_type", "AES256") == "AES256"
}

_kms(repo) if config.block_unknown(repo.config, "encryption_configuration")

deny contains res if {
	some repo in terraform.resources("aws_ecr_repository")
	not _kms(repo)
	res := result.resource(sprintf("ECR repository %s is not encrypted with KMS", [repo.address]), repo)
}

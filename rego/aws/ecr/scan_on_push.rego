# METADATA
# title: ECR repository without image scanning on push
# description: >-
#   The repository has no image_scanning_configuration with scan_on_push = true (off by
#   default), and no aws_ecr_registry_scanning_configuration in the configuration scans the
#   registry: vulnerable ML framework images reach training and serving unnoticed.
# custom:
#   id: MLC-AWS-ECR-002
#   severity: medium
#   category: supply-chain
#   nist_ai_rmf: [MAP 4.2, MANAGE 3.1, MEASURE 2.7]
#   atlas: [AML.T0010.004, AML.T0011.001]
#   remediation: >-
#     Add image_scanning_configuration { scan_on_push = true }, or an
#     aws_ecr_registry_scanning_configuration (ENHANCED scanning) for the registry.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_163]
#   references:
#     - https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html
package mlcomply.aws.ecr.scan_on_push

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

# Registry-level scanning replaces per-repository settings; its rules filter repositories,
# which we do not evaluate, so any registry configuration counts as coverage.
_registry_scanning if count(terraform.resources("aws_ecr_registry_scanning_configuration")) > 0

_scans(repo) if {
	some sc in config.blocks(repo.config, "image_scanning_configuration")
	not config.is_false(config.value(sc, "scan_on_push", false))
}

_scans(repo) if config.block_unknown(repo.config, "image_scanning_configuration")

deny contains res if {
	not _registry_scanning
	some repo in terraform.resources("aws_ecr_repository")
	not _scans(repo)
	res := result.resource(sprintf("ECR repository %s does not scan images on push", [repo.address]), repo)
}

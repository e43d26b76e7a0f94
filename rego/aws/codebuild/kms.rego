# METADATA
# title: CodeBuild project without a customer-managed KMS key
# description: >-
#   encryption_key is unset (or the AWS-managed alias/aws/s3 key): the build output of a
#   training or model-packaging project (model artifacts, evaluation reports) is encrypted
#   with a key the customer does not control. Projects without artifacts are not checked.
# custom:
#   id: MLC-AWS-CODEBUILD-001
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: "Set encryption_key to the ARN of a customer-managed aws_kms_key."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_147]
#   references:
#     - https://docs.aws.amazon.com/codebuild/latest/userguide/security-encryption.html
package mlcomply.aws.codebuild.kms

import data.lib.aws.kms
import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some r in terraform.resources("aws_codebuild_project")
	every a in config.blocks(r.config, "artifacts") { a.type != "NO_ARTIFACTS" }
	not kms.customer_managed(r.config, "encryption_key")
	res := result.resource(sprintf("CodeBuild project %s does not encrypt its artifacts with a customer-managed KMS key", [r.address]), r)
}

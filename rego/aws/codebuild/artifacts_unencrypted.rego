# METADATA
# title: CodeBuild project with artifact encryption disabled
# description: >-
#   artifacts.encryption_disabled = true (or a secondary artifact's): model artifacts and
#   build output are written to S3 without CodeBuild's encryption.
# custom:
#   id: MLC-AWS-CODEBUILD-002
#   severity: medium
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: "Remove encryption_disabled (it defaults to false) from the project's artifacts blocks."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_78]
#   references:
#     - https://docs.aws.amazon.com/codebuild/latest/APIReference/API_ProjectArtifacts.html
package mlcomply.aws.codebuild.artifacts_unencrypted

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some p in terraform.resources("aws_codebuild_project")
	some name in ["artifacts", "secondary_artifacts"]
	some a in config.blocks(p.config, name)
	a.type != "NO_ARTIFACTS"
	config.is_true(config.value(a, "encryption_disabled", false))
	res := result.resource(sprintf("CodeBuild project %s writes artifacts without encryption", [p.address]), p)
}

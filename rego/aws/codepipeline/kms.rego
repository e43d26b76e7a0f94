# METADATA
# title: CodePipeline artifact store without a customer-managed KMS key
# description: >-
#   No artifact_store.encryption_key (or the AWS-managed alias/aws/s3 key): the source, the
#   trained model and the packaged endpoint configuration that move between pipeline stages
#   are encrypted with a key the customer does not control.
# custom:
#   id: MLC-AWS-CODEPIPELINE-001
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: "Add encryption_key { id = aws_kms_key.pipeline.arn, type = \"KMS\" } to every artifact_store."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_219]
#   references:
#     - https://docs.aws.amazon.com/codepipeline/latest/userguide/S3-artifact-encryption.html
package mlcomply.aws.codepipeline.kms

import data.lib.aws.kms
import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some r in terraform.resources("aws_codepipeline")
	not config.path_unknown(r.config, ["artifact_store", "encryption_key"])
	not _customer_key(r)
	res := result.resource(sprintf("CodePipeline %s does not encrypt its artifact store with a customer-managed KMS key", [r.address]), r)
}

_customer_key(r) if {
	some b in config.nested(r.config, ["artifact_store", "encryption_key"])
	kms.customer_managed(b, "id")
}

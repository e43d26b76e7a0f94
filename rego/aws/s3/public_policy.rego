# METADATA
# title: S3 bucket policy allows any principal
# description: >-
#   A statement of the bucket policy (aws_s3_bucket_policy, or the bucket's inline `policy`)
#   allows actions to Principal "*" (or {"AWS": "*"}) with no condition narrowing it, so
#   anyone on the internet can read or change the training data and model artifacts. The
#   policy may be jsonencode() output, a JSON heredoc or a data.aws_iam_policy_document.
# custom:
#   id: MLC-AWS-S3-005
#   severity: critical
#   category: public-access
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0025, AML.T0020, AML.T0010.002]
#   remediation: >-
#     Name the principals (roles of the training and serving accounts) instead of "*", or add a
#     condition such as aws:PrincipalOrgID or aws:SourceVpce; keep block_public_policy on.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_70]
#   references:
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status
package mlcomply.aws.s3.public_policy

import data.lib.aws.iam
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some p in terraform.resources("aws_s3_bucket_policy")
	iam.public_policy(p, p.config.policy)
	res := result.resource(sprintf("bucket policy %s allows any principal (Principal \"*\")", [p.address]), p)
}

deny contains res if {
	some bucket in terraform.resources("aws_s3_bucket")
	iam.public_policy(bucket, bucket.config.policy)
	res := result.resource(sprintf("S3 bucket %s has an inline policy that allows any principal", [bucket.address]), bucket)
}

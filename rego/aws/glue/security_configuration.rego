# METADATA
# title: Glue job, crawler or dev endpoint without a security configuration
# description: >-
#   security_configuration is unset: the job's S3 output, CloudWatch logs and job bookmarks
#   (feature engineering and data preparation output) are not encrypted with a key of the
#   customer's choosing.
# custom:
#   id: MLC-AWS-GLUE-002
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: "Create an aws_glue_security_configuration with SSE-KMS for S3, CloudWatch and job bookmarks, and name it in security_configuration."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_195]
#   references:
#     - https://docs.aws.amazon.com/glue/latest/dg/encryption-security-configuration.html
package mlcomply.aws.glue.security_configuration

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some type_name in ["aws_glue_job", "aws_glue_crawler", "aws_glue_dev_endpoint"]
	some r in terraform.resources(type_name)
	not config.is_set(r.config, "security_configuration")
	res := result.resource(sprintf("%s has no Glue security configuration", [r.address]), r)
}

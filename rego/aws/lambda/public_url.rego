# METADATA
# title: Lambda function URL without authentication
# description: >-
#   An aws_lambda_function_url with authorization_type = "NONE": anyone who finds the URL can
#   invoke the function, e.g. run inference on a model (and pay for it) or reach whatever the
#   function's role can.
# custom:
#   id: MLC-AWS-LAMBDA-002
#   severity: high
#   category: public-access
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0049]
#   remediation: "Use authorization_type = \"AWS_IAM\", or put the function behind API Gateway with an authorizer."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_258]
#   references:
#     - https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html
package mlcomply.aws.lambda.public_url

import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some u in terraform.resources("aws_lambda_function_url")
	u.config.authorization_type == "NONE"
	res := result.resource(sprintf("Lambda function URL %s accepts unauthenticated requests", [u.address]), u)
}

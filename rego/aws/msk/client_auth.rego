# METADATA
# title: MSK cluster without client authentication
# description: >-
#   An aws_msk_cluster has no client_authentication block, or allows unauthenticated access
#   (unauthenticated = true) beside it: any client that reaches the brokers can read the topics
#   that feed training and feature pipelines, or write into them.
# custom:
#   atlas: [AML.T0035, AML.T0020]
#   id: MLC-AWS-MSK-002
#   severity: medium
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   remediation: >-
#     Add client_authentication { sasl { iam = true } } (or scram, or tls with a private CA)
#     and set unauthenticated = false, then grant topics per role with IAM or Kafka ACLs.
#   input_kinds: [terraform]
#   references:
#     - https://docs.aws.amazon.com/msk/latest/developerguide/kafka_apis_iam.html
#     - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/msk_cluster#client_authentication
package mlcomply.aws.msk.client_auth

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some c in terraform.resources("aws_msk_cluster")
	not config.has(c.config, "client_authentication")
	res := result.resource(sprintf("MSK cluster %s declares no client authentication", [c.address]), c)
}

deny contains res if {
	some c in terraform.resources("aws_msk_cluster")
	some a in config.blocks(c.config, "client_authentication")
	config.is_true(config.value(a, "unauthenticated", false))
	res := result.resource(sprintf("MSK cluster %s allows unauthenticated clients", [c.address]), c)
}

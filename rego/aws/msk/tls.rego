# METADATA
# title: MSK cluster accepts plaintext traffic
# description: >-
#   An aws_msk_cluster sets encryption_info { encryption_in_transit { client_broker } } to
#   PLAINTEXT (only plaintext) or TLS_PLAINTEXT (both), or in_cluster = false: records streamed
#   to training and feature pipelines, often personal data, cross the network in clear.
# custom:
#   atlas: [AML.T0035, AML.T0048.004]
#   id: MLC-AWS-MSK-001
#   severity: high
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   remediation: >-
#     Set encryption_in_transit { client_broker = "TLS" in_cluster = true } (the defaults) and
#     move clients to the TLS bootstrap brokers (port 9094, or 9096/9098 with SASL/IAM).
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_81]
#   references:
#     - https://docs.aws.amazon.com/msk/latest/developerguide/msk-encryption.html
#     - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/msk_cluster#encryption_in_transit
package mlcomply.aws.msk.tls

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_transit(c) := [t |
	some e in config.blocks(c.config, "encryption_info")
	some t in config.blocks(e, "encryption_in_transit")
]

deny contains res if {
	some c in terraform.resources("aws_msk_cluster")
	some t in _transit(c)
	t.client_broker == "PLAINTEXT"
	res := result.resource(sprintf("MSK cluster %s accepts only plaintext client connections", [c.address]), c)
}

deny contains res if {
	some c in terraform.resources("aws_msk_cluster")
	some t in _transit(c)
	t.client_broker == "TLS_PLAINTEXT"
	res := result.with_severity(
		result.resource(sprintf("MSK cluster %s accepts plaintext client connections beside TLS", [c.address]), c),
		"medium",
		"TLS is offered; a client may still choose plaintext",
	)
}

deny contains res if {
	some c in terraform.resources("aws_msk_cluster")
	some t in _transit(c)
	config.is_false(config.value(t, "in_cluster", true))
	res := result.resource(sprintf("MSK cluster %s sends traffic between brokers in plaintext", [c.address]), c)
}

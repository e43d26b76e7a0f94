# METADATA
# title: OpenSearch domain that accepts plain HTTP or TLS below 1.2
# description: >-
#   domain_endpoint_options sets enforce_https = false, or a tls_security_policy that allows
#   TLS 1.0 and 1.1: queries, documents and credentials can cross the network unencrypted or
#   with a broken protocol.
# custom:
#   id: MLC-AWS-OPENSEARCH-003
#   severity: medium
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: "Set domain_endpoint_options { enforce_https = true, tls_security_policy = \"Policy-Min-TLS-1-2-2019-07\" } (or a newer PFS policy)."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_83, CKV_AWS_228]
#   references:
#     - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/infrastructure-security.html
package mlcomply.aws.opensearch.https

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some type_name in ["aws_opensearch_domain", "aws_elasticsearch_domain"]
	some d in terraform.resources(type_name)
	some o in config.blocks(d.config, "domain_endpoint_options")
	config.is_false(o.enforce_https)
	res := result.resource(sprintf("OpenSearch domain %s accepts plain HTTP", [d.address]), d)
}

deny contains res if {
	some type_name in ["aws_opensearch_domain", "aws_elasticsearch_domain"]
	some d in terraform.resources(type_name)
	some o in config.blocks(d.config, "domain_endpoint_options")
	o.tls_security_policy == "Policy-Min-TLS-1-0-2019-07"
	res := result.resource(sprintf("OpenSearch domain %s accepts TLS 1.0 and 1.1", [d.address]), d)
}

# METADATA
# title: Vertex AI endpoint not private
# description: >-
#   A google_vertex_ai_endpoint has no `network` (VPC peering) and no
#   private_service_connect_config with enable_private_service_connect = true: the online
#   prediction endpoint of the model is served on a public address. A
#   google_vertex_ai_index_endpoint (Vector Search) with public_endpoint_enabled = true serves
#   nearest-neighbour queries over the embeddings the same way.
# custom:
#   id: MLC-GCP-VERTEX-004
#   severity: medium
#   category: network
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0040, AML.T0024]
#   remediation: >-
#     Set network = "projects/<number>/global/networks/<vpc>" or
#     private_service_connect_config { enable_private_service_connect = true }.
#   input_kinds: [terraform]
#   checkov_ids: [CKV2_GCP_33]
#   references:
#     - https://cloud.google.com/vertex-ai/docs/predictions/using-private-endpoints
package mlcomply.gcp.vertex.endpoint_private

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_private(e) if config.is_set(e.config, "network")

_private(e) if {
	some psc in config.blocks(e.config, "private_service_connect_config")
	not config.is_false(config.value(psc, "enable_private_service_connect", false))
}

_private(e) if config.block_unknown(e.config, "private_service_connect_config")

deny contains res if {
	some e in terraform.resources("google_vertex_ai_endpoint")
	not _private(e)
	res := result.resource(sprintf("Vertex AI endpoint %s is served on a public address", [e.address]), e)
}

deny contains res if {
	some e in terraform.resources("google_vertex_ai_index_endpoint")
	config.is_true(e.config.public_endpoint_enabled)
	res := result.resource(sprintf("Vector Search index endpoint %s is served on a public address", [e.address]), e)
}

# METADATA
# title: Vertex AI Workbench instance with a public IP address
# description: >-
#   A google_workbench_instance whose gce_setup leaves disable_public_ip unset or false (the
#   default; an instance without gce_setup gets the defaults too), or a legacy
#   google_notebooks_instance with no_public_ip unset or false: the notebook VM, with its
#   service-account credentials and data, has an external address.
# custom:
#   id: MLC-GCP-VERTEX-001
#   severity: medium
#   category: network
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0049]
#   remediation: >-
#     Set gce_setup { disable_public_ip = true } (Workbench) or no_public_ip = true (legacy
#     notebooks), and reach Google APIs through Private Google Access or Cloud NAT.
#   input_kinds: [terraform]
#   checkov_ids: [CKV2_GCP_28, CKV_GCP_89]
#   references:
#     - https://cloud.google.com/vertex-ai/docs/workbench/instances/create
#     - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/workbench_instance
package mlcomply.gcp.vertex.workbench_public_ip

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_public(wb) if {
	count(config.blocks(wb.config, "gce_setup")) == 0
	not config.block_unknown(wb.config, "gce_setup")
}

_public(wb) if {
	some setup in config.blocks(wb.config, "gce_setup")
	config.is_false(config.value(setup, "disable_public_ip", false))
}

deny contains res if {
	some wb in terraform.resources("google_workbench_instance")
	_public(wb)
	res := result.resource(sprintf("Workbench instance %s has a public IP address", [wb.address]), wb)
}

deny contains res if {
	some nb in terraform.resources("google_notebooks_instance")
	config.is_false(config.value(nb.config, "no_public_ip", false))
	res := result.resource(sprintf("notebook instance %s has a public IP address", [nb.address]), nb)
}

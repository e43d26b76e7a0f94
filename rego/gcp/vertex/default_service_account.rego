# METADATA
# title: Workbench notebook runs as the default Compute Engine service account
# description: >-
#   A google_workbench_instance without gce_setup.service_accounts, or a
#   google_notebooks_instance without service_account, or either naming
#   <number>-compute@developer.gserviceaccount.com: the notebook runs as the default compute
#   service account, which many projects still grant Editor, so any code run in the notebook
#   acts with the project's widest rights.
# custom:
#   id: MLC-GCP-VERTEX-005
#   severity: medium
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas_none: "over-broad permissions widen any compromise; ATLAS names no technique for excess privilege itself"
#   remediation: >-
#     Create a dedicated service account with the roles the notebook needs and set it in
#     gce_setup { service_accounts { email = google_service_account.<sa>.email } }.
#   input_kinds: [terraform]
#   references:
#     - https://cloud.google.com/vertex-ai/docs/workbench/instances/manage-access-jupyterlab
#     - https://cloud.google.com/compute/docs/access/service-accounts#default_service_account
package mlcomply.gcp.vertex.default_service_account

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_default_email(e) if {
	is_string(e)
	endswith(e, "-compute@developer.gserviceaccount.com")
}

_default(wb) if {
	count(config.blocks(wb.config, "gce_setup")) == 0
	not config.block_unknown(wb.config, "gce_setup")
}

_default(wb) if {
	some setup in config.blocks(wb.config, "gce_setup")
	not config.has(setup, "service_accounts")
}

_default(wb) if {
	some sa in config.nested(wb.config, ["gce_setup", "service_accounts"])
	_default_email(sa.email)
}

deny contains res if {
	some wb in terraform.resources("google_workbench_instance")
	_default(wb)
	res := result.resource(sprintf("Workbench instance %s runs as the default Compute Engine service account", [wb.address]), wb)
}

deny contains res if {
	some nb in terraform.resources("google_notebooks_instance")
	_notebook_default(nb)
	res := result.resource(sprintf("notebook instance %s runs as the default Compute Engine service account", [nb.address]), nb)
}

_notebook_default(nb) if not config.has(nb.config, "service_account")

_notebook_default(nb) if _default_email(nb.config.service_account)

# METADATA
# title: Vertex AI Workbench disks without a customer-managed key
# description: >-
#   A google_workbench_instance whose boot disk or a data disk does not use disk_encryption
#   "CMEK" with a kms_key (the default is Google-managed), or a legacy
#   google_notebooks_instance without disk_encryption "CMEK" and kms_key: notebooks and the
#   data copied onto the VM are under keys the customer does not control.
# custom:
#   id: MLC-GCP-VERTEX-002
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: >-
#     Set disk_encryption = "CMEK" and kms_key on gce_setup.boot_disk and every
#     gce_setup.data_disks (Workbench), or on the legacy notebook instance.
#   input_kinds: [terraform]
#   checkov_ids: [CKV2_GCP_27, CKV2_GCP_21]
#   references:
#     - https://cloud.google.com/vertex-ai/docs/workbench/instances/cmek
package mlcomply.gcp.vertex.workbench_cmek

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_cmek(obj) if {
	config.value(obj, "disk_encryption", "GMEK") == "CMEK"
	config.is_set(obj, "kms_key")
}

_cmek(obj) if terraform.is_unknown(obj.disk_encryption)

_gmek_disks(wb) := {"gce_setup" |
	count(config.blocks(wb.config, "gce_setup")) == 0
	not config.block_unknown(wb.config, "gce_setup")
} | {"boot_disk" |
	some setup in config.blocks(wb.config, "gce_setup")
	count(config.blocks(setup, "boot_disk")) == 0
	not config.block_unknown(setup, "boot_disk")
} | {kind |
	some setup in config.blocks(wb.config, "gce_setup")
	some kind in ["boot_disk", "data_disks"]
	some disk in config.blocks(setup, kind)
	not _cmek(disk)
}

deny contains res if {
	some wb in terraform.resources("google_workbench_instance")
	disks := _gmek_disks(wb)
	count(disks) > 0
	res := result.resource(sprintf("Workbench instance %s has disks without a customer-managed key (%s)", [wb.address, concat(", ", sort(disks))]), wb)
}

deny contains res if {
	some nb in terraform.resources("google_notebooks_instance")
	not _cmek(nb.config)
	res := result.resource(sprintf("notebook instance %s disks are not encrypted with a customer-managed key", [nb.address]), nb)
}

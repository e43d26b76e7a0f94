# METADATA
# title: Workbench notebook VM without Secure Boot, vTPM or integrity monitoring
# description: >-
#   A google_workbench_instance (gce_setup.shielded_instance_config) or
#   google_notebooks_instance (shielded_instance_config) does not set enable_secure_boot =
#   true, or turns enable_vtpm or enable_integrity_monitoring off: boot-level malware on the notebook VM,
#   next to the data and credentials it holds, goes unnoticed.
# custom:
#   id: MLC-GCP-VERTEX-006
#   severity: low
#   profile: strict
#   category: supply-chain
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas_none: "host hardening of the platform; ATLAS has no technique for boot or node integrity"
#   remediation: Add shielded_instance_config { enable_secure_boot = true, enable_vtpm = true, enable_integrity_monitoring = true }.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_GCP_126, CKV_GCP_127]
#   references:
#     - https://cloud.google.com/compute/shielded-vm/docs/shielded-vm
package mlcomply.gcp.vertex.shielded_vm

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_path := {
	"google_workbench_instance": ["gce_setup", "shielded_instance_config"],
	"google_notebooks_instance": ["shielded_instance_config"],
}

_weak(r, path) if {
	not config.path_unknown(r.config, path)
	not _secure_boot(r, path)
}

_weak(r, path) if {
	some s in config.nested(r.config, path)
	some setting in ["enable_integrity_monitoring", "enable_vtpm"]
	config.is_false(s[setting])
}

_secure_boot(r, path) if {
	some s in config.nested(r.config, path)
	not config.is_false(config.value(s, "enable_secure_boot", false))
}

# The Workbench instance's gce_setup itself is unknown: nothing below it can be judged.
_secure_boot(r, path) if {
	count(path) == 2
	config.block_unknown(r.config, path[0])
}

deny contains res if {
	some type_name, path in _path
	some r in terraform.resources(type_name)
	_weak(r, path)
	res := result.resource(sprintf("%s boots without Secure Boot, vTPM or integrity monitoring", [r.address]), r)
}

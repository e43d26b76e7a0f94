package mlcomply.gcp.vertex.workbench_cmek_test

import data.mlcomply.gcp.vertex.workbench_cmek as rule
import rego.v1

_denied(type_name, cfg) := found if {
	r := {"address": sprintf("%s.n", [type_name]), "type": type_name, "mode": "managed", "config": cfg}
	found := {x.msg | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

_cmek := {"disk_encryption": "CMEK", "kms_key": "google_kms_crypto_key.k"}

test_google_managed_disks_denied if {
	_denied("google_workbench_instance", {}) == {"Workbench instance google_workbench_instance.n has disks without a customer-managed key (gce_setup)"}
	cfg := {"gce_setup": [{"boot_disk": [_cmek], "data_disks": [{"disk_encryption": "GMEK"}]}]}
	_denied("google_workbench_instance", cfg) == {"Workbench instance google_workbench_instance.n has disks without a customer-managed key (data_disks)"}
	_denied("google_notebooks_instance", {"disk_encryption": "CMEK"}) == {"notebook instance google_notebooks_instance.n disks are not encrypted with a customer-managed key"}
}

test_cmek_passes if {
	_denied("google_workbench_instance", {"gce_setup": [{"boot_disk": [_cmek], "data_disks": [_cmek]}]}) == set()
	_denied("google_notebooks_instance", _cmek) == set()
}

test_unknown_passes if {
	unknown := {"disk_encryption": "CMEK", "kms_key": {"__unknown__": "var.key"}}
	_denied("google_workbench_instance", {"gce_setup": [{"boot_disk": [unknown]}]}) == set()
	_denied("google_notebooks_instance", {"disk_encryption": {"__unknown__": "var.e"}}) == set()
}

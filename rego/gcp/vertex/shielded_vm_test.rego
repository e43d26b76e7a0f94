package mlcomply.gcp.vertex.shielded_vm_test

import data.mlcomply.gcp.vertex.shielded_vm as rule
import rego.v1

_denied(type_name, cfg) := found if {
	r := {"address": sprintf("%s.a", [type_name]), "type": type_name, "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_no_secure_boot_denied if {
	_denied("google_notebooks_instance", {}) == {"google_notebooks_instance.a"}
	_denied("google_notebooks_instance", {"shielded_instance_config": [{"enable_secure_boot": true, "enable_integrity_monitoring": false}]}) == {"google_notebooks_instance.a"}
	_denied("google_workbench_instance", {"gce_setup": [{"machine_type": "n1-standard-4"}]}) == {"google_workbench_instance.a"}
	_denied("google_notebooks_instance", {"shielded_instance_config": [{"enable_secure_boot": true, "enable_vtpm": false}]}) == {"google_notebooks_instance.a"}
}

test_secure_boot_passes if {
	_denied("google_notebooks_instance", {"shielded_instance_config": [{"enable_secure_boot": true}]}) == set()
	_denied("google_workbench_instance", {"gce_setup": [{"shielded_instance_config": [{"enable_secure_boot": true, "enable_vtpm": true}]}]}) == set()
}

test_unknown_passes if {
	_denied("google_notebooks_instance", {"shielded_instance_config": {"__unknown__": "var.s"}}) == set()
	_denied("google_workbench_instance", {"gce_setup": {"__unknown__": "var.g"}}) == set()
	_denied("google_workbench_instance", {"gce_setup": [{"shielded_instance_config": [{"enable_secure_boot": {"__unknown__": "var.b"}}]}]}) == set()
}

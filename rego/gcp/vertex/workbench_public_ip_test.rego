package mlcomply.gcp.vertex.workbench_public_ip_test

import data.mlcomply.gcp.vertex.workbench_public_ip as rule
import rego.v1

_denied(type_name, cfg) := found if {
	r := {"address": sprintf("%s.n", [type_name]), "type": type_name, "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_public_ip_denied if {
	_denied("google_workbench_instance", {}) == {"google_workbench_instance.n"}
	_denied("google_workbench_instance", {"gce_setup": [{"machine_type": "n1-standard-4"}]}) == {"google_workbench_instance.n"}
	_denied("google_notebooks_instance", {"no_public_ip": false}) == {"google_notebooks_instance.n"}
}

test_private_passes if {
	_denied("google_workbench_instance", {"gce_setup": [{"disable_public_ip": true}]}) == set()
	_denied("google_notebooks_instance", {"no_public_ip": "true"}) == set()
}

test_unknown_passes if {
	_denied("google_workbench_instance", {"gce_setup": [{"disable_public_ip": {"__unknown__": "var.p"}}]}) == set()
	_denied("google_workbench_instance", {"gce_setup": {"__unknown__": "dynamic"}}) == set()
	_denied("google_notebooks_instance", {"no_public_ip": {"__unknown__": "var.p"}}) == set()
}

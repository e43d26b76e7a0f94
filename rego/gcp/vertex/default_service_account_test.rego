package mlcomply.gcp.vertex.default_service_account_test

import data.mlcomply.gcp.vertex.default_service_account as rule
import rego.v1

_denied(type_name, cfg) := found if {
	r := {"address": sprintf("%s.a", [type_name]), "type": type_name, "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

_wb := "google_workbench_instance"

_nb := "google_notebooks_instance"

test_default_account_denied if {
	_denied(_wb, {}) == {"google_workbench_instance.a"}
	_denied(_wb, {"gce_setup": [{"machine_type": "n1-standard-4"}]}) == {"google_workbench_instance.a"}
	_denied(_wb, {"gce_setup": [{"service_accounts": [{"email": "123-compute@developer.gserviceaccount.com"}]}]}) == {"google_workbench_instance.a"}
	_denied(_nb, {}) == {"google_notebooks_instance.a"}
	_denied(_nb, {"service_account": "123-compute@developer.gserviceaccount.com"}) == {"google_notebooks_instance.a"}
}

test_dedicated_account_passes if {
	_denied(_wb, {"gce_setup": [{"service_accounts": [{"email": "nb@acme.iam.gserviceaccount.com"}]}]}) == set()
	_denied(_nb, {"service_account": "nb@acme.iam.gserviceaccount.com"}) == set()
}

test_unknown_passes if {
	_denied(_wb, {"gce_setup": {"__unknown__": "var.s"}}) == set()
	_denied(_wb, {"gce_setup": [{"service_accounts": {"__unknown__": "var.s"}}]}) == set()
	_denied(_wb, {"gce_setup": [{"service_accounts": [{"email": {"__unknown__": "var.e"}}]}]}) == set()
	_denied(_nb, {"service_account": {"__unknown__": "google_service_account.nb.email"}}) == set()
}

package lib.gcp.iam_test

import data.lib.gcp.iam
import rego.v1

test_member_and_binding if {
	iam.public_granted({"config": {"member": "allUsers"}}) == ["allUsers"]
	iam.public_granted({"config": {"members": ["user:a@example.com", "allAuthenticatedUsers"]}}) == ["allAuthenticatedUsers"]
	iam.public_granted({"config": {"member": "group:ml@example.com"}}) == []
	iam.public_granted({"config": {"member": {"__unknown__": "var.m"}}}) == []
}

test_policy_data_json if {
	pd := `{"bindings":[{"role":"roles/storage.objectViewer","members":["allUsers"]}]}`
	iam.public_granted({"config": {"policy_data": pd}}) == ["allUsers"]
}

test_policy_data_source if {
	d := {"address": "data.google_iam_policy.p", "type": "google_iam_policy", "mode": "data", "config": {"binding": [{"role": "r", "members": ["allAuthenticatedUsers"]}]}}
	res := iam.public_granted({"config": {"policy_data": "data.google_iam_policy.p"}}) with input as {"content": {"resources": [d]}}
	res == ["allAuthenticatedUsers"]
}

test_policy_data_source_unevaluated_reference if {
	d := {"address": "data.google_iam_policy.p", "type": "google_iam_policy", "mode": "data", "config": {"binding": [{"role": "r", "members": ["allUsers"]}]}}
	r := {"module": "", "config": {"policy_data": {"__unknown__": "data.google_iam_policy.p.policy_data"}}}
	res := iam.public_granted(r) with input as {"content": {"resources": [d]}}
	res == ["allUsers"]
}

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

test_role_members_of_member_binding_and_policy if {
	iam.role_members({"config": {"role": "roles/editor", "member": "user:a@x.com"}}) == [["roles/editor", "user:a@x.com"]]
	iam.role_members({"config": {"role": "roles/viewer", "members": ["group:g@x.com", "user:b@x.com"]}}) == [["roles/viewer", "group:g@x.com"], ["roles/viewer", "user:b@x.com"]]
	policy := json.marshal({"bindings": [{"role": "roles/owner", "members": ["serviceAccount:s@p.iam.gserviceaccount.com"]}]})
	iam.role_members({"config": {"policy_data": policy}}) == [["roles/owner", "serviceAccount:s@p.iam.gserviceaccount.com"]]
}

test_role_members_unknown_policy_is_empty if {
	not iam.role_members({"config": {"policy_data": {"__unknown__": "data.google_iam_policy.p.policy_data"}}})
}

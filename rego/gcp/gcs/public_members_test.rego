package mlcomply.gcp.gcs.public_members_test

import data.mlcomply.gcp.gcs.public_members as rule
import rego.v1

_r(type_name, config) := {"address": sprintf("%s.x", [type_name]), "type": type_name, "mode": "managed", "config": config}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_iam_member_binding_policy_denied if {
	rs := [
		_r("google_storage_bucket_iam_member", {"bucket": "b", "role": "roles/storage.objectViewer", "member": "allUsers"}),
		_r("google_storage_bucket_iam_binding", {"bucket": "b", "role": "roles/storage.objectViewer", "members": ["allAuthenticatedUsers"]}),
		_r("google_storage_bucket_iam_policy", {"bucket": "b", "policy_data": `{"bindings":[{"role":"roles/storage.admin","members":["allUsers"]}]}`}),
	]
	_denied(rs) == {"google_storage_bucket_iam_member.x", "google_storage_bucket_iam_binding.x", "google_storage_bucket_iam_policy.x"}
}

test_acls_denied if {
	rs := [
		_r("google_storage_bucket_access_control", {"bucket": "b", "role": "READER", "entity": "allUsers"}),
		_r("google_storage_bucket_acl", {"bucket": "b", "role_entity": ["OWNER:project-owners-1", "READER:allAuthenticatedUsers"]}),
	]
	_denied(rs) == {"google_storage_bucket_access_control.x", "google_storage_bucket_acl.x"}
	_denied([_r("google_storage_bucket_acl", {"bucket": "b", "predefined_acl": "publicRead"})]) == {"google_storage_bucket_acl.x"}
}

test_named_members_pass if {
	rs := [
		_r("google_storage_bucket_iam_member", {"member": "serviceAccount:trainer@p.iam.gserviceaccount.com"}),
		_r("google_storage_bucket_iam_binding", {"members": ["group:ml@example.com"]}),
		_r("google_storage_bucket_access_control", {"entity": "group-ml@example.com"}),
		_r("google_storage_bucket_acl", {"predefined_acl": "private", "role_entity": ["READER:group-ml@example.com"]}),
	]
	_denied(rs) == set()
}

test_unknown_passes if {
	rs := [
		_r("google_storage_bucket_iam_member", {"member": {"__unknown__": "var.member"}}),
		_r("google_storage_bucket_iam_binding", {"members": {"__unknown__": "var.members"}}),
		_r("google_storage_bucket_access_control", {"entity": {"__unknown__": "var.e"}}),
	]
	_denied(rs) == set()
}

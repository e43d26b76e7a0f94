package mlcomply.gcp.iam.basic_roles_test

import data.mlcomply.gcp.iam.basic_roles as rule
import rego.v1

_denied(type_name, cfg) := found if {
	r := {"address": sprintf("%s.a", [type_name]), "type": type_name, "mode": "managed", "config": cfg}
	found := {x.msg | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_basic_role_to_service_account_denied if {
	_denied("google_project_iam_member", {"role": "roles/editor", "member": "serviceAccount:trainer@p.iam.gserviceaccount.com"}) == {"google_project_iam_member.a grants the basic role roles/editor to serviceAccount:trainer@p.iam.gserviceaccount.com"}
	count(_denied("google_folder_iam_binding", {"role": "roles/owner", "members": ["user:a@example.com", "serviceAccount:ci@p.iam.gserviceaccount.com"]})) == 1
	policy := json.marshal({"bindings": [{"role": "roles/owner", "members": ["serviceAccount:vertex@p.iam.gserviceaccount.com"]}]})
	count(_denied("google_project_iam_policy", {"policy_data": policy})) == 1
}

test_other_roles_or_people_pass if {
	_denied("google_project_iam_member", {"role": "roles/aiplatform.user", "member": "serviceAccount:trainer@p.iam.gserviceaccount.com"}) == set()
	_denied("google_project_iam_member", {"role": "roles/owner", "member": "group:platform-admins@example.com"}) == set()
}

test_unknown_passes if {
	_denied("google_project_iam_member", {"role": {"__unknown__": "var.role"}, "member": "serviceAccount:trainer@p.iam.gserviceaccount.com"}) == set()
	_denied("google_project_iam_member", {"role": "roles/editor", "member": {"__unknown__": "var.m"}}) == set()
	_denied("google_project_iam_policy", {"policy_data": {"__unknown__": "data.google_iam_policy.p.policy_data"}}) == set()
}

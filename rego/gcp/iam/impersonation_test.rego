package mlcomply.gcp.iam.impersonation_test

import data.mlcomply.gcp.iam.impersonation as rule
import rego.v1

_denied(type_name, cfg) := found if {
	r := {"address": sprintf("%s.a", [type_name]), "type": type_name, "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_project_wide_impersonation_denied if {
	_denied("google_project_iam_binding", {"role": "roles/iam.serviceAccountTokenCreator", "members": ["serviceAccount:adapter@p.iam.gserviceaccount.com"]}) == {"google_project_iam_binding.a"}
	_denied("google_project_iam_member", {"role": "roles/iam.serviceAccountUser", "member": "group:ml@example.com"}) == {"google_project_iam_member.a"}
	_denied("google_organization_iam_member", {"role": "roles/iam.serviceAccountKeyAdmin", "member": "user:a@example.com"}) == {"google_organization_iam_member.a"}
}

test_other_roles_and_service_account_scope_pass if {
	_denied("google_project_iam_member", {"role": "roles/aiplatform.user", "member": "group:ml@example.com"}) == set()
	_denied("google_service_account_iam_member", {"role": "roles/iam.serviceAccountUser", "member": "group:ml@example.com"}) == set()
}

test_unknown_passes if {
	_denied("google_project_iam_member", {"role": {"__unknown__": "var.role"}, "member": "group:ml@example.com"}) == set()
	_denied("google_project_iam_binding", {"role": "roles/iam.serviceAccountUser", "members": {"__unknown__": "var.m"}}) == set()
}

test_member_rendered_from_a_reference_denied if {
	# members = ["serviceAccount:${google_service_account.sa.account_id}@..."]: the list holds a member
	members := [{"__unknown__": "\"serviceAccount:${google_service_account.sa[0].account_id}@p.iam.gserviceaccount.com\""}]
	_denied("google_project_iam_binding", {"role": "roles/iam.serviceAccountTokenCreator", "members": members}) == {"google_project_iam_binding.a"}
}

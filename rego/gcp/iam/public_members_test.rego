package mlcomply.gcp.iam.public_members_test

import data.mlcomply.gcp.iam.public_members as rule
import rego.v1

_found(type_name, cfg) := found if {
	r := {"address": sprintf("%s.a", [type_name]), "type": type_name, "mode": "managed", "config": cfg}
	found := {[x.address, object.get(x, "severity", "rule")] | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_public_members_denied if {
	_found("google_notebooks_instance_iam_member", {"role": "roles/notebooks.admin", "member": "allUsers"}) == {["google_notebooks_instance_iam_member.a", "rule"]}
	_found("google_secret_manager_secret_iam_binding", {"role": "roles/secretmanager.secretAccessor", "members": ["allAuthenticatedUsers"]}) == {["google_secret_manager_secret_iam_binding.a", "rule"]}
}

test_artifact_registry_is_high if {
	_found("google_artifact_registry_repository_iam_member", {"role": "roles/artifactregistry.reader", "member": "allUsers"}) == {["google_artifact_registry_repository_iam_member.a", "high"]}
}

test_named_members_and_other_types_pass if {
	_found("google_notebooks_instance_iam_member", {"role": "roles/notebooks.admin", "member": "group:ml@example.com"}) == set()
	_found("google_cloud_run_service_iam_member", {"role": "roles/run.invoker", "member": "allUsers"}) == set()
}

test_unknown_passes if {
	_found("google_notebooks_instance_iam_member", {"role": "roles/notebooks.admin", "member": {"__unknown__": "var.m"}}) == set()
}

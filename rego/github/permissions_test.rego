package mlcomply.github.permissions_test

import data.mlcomply.github.permissions
import rego.v1

test_write_all_top_level_denied if {
	wf := {"permissions": "write-all", "jobs": {"build": {"runs-on": "ubuntu-latest"}}}
	{r.pointer | some r in permissions.deny} == {["permissions"]} with input as {"content": wf}
}

test_write_all_job_denied if {
	wf := {"permissions": {"contents": "read"}, "jobs": {"release": {"permissions": "write-all"}}}
	{r.pointer | some r in permissions.deny} == {["jobs", "release", "permissions"]} with input as {"content": wf}
}

test_missing_permissions_denied_per_job if {
	wf := {"jobs": {"a": {"permissions": {"contents": "read"}}, "b": {"runs-on": "ubuntu-latest"}}}
	{r.pointer | some r in permissions.deny} == {["jobs", "b"]} with input as {"content": wf}
}

test_read_only_top_level_passes if {
	wf := {"permissions": {}, "jobs": {"a": {"runs-on": "ubuntu-latest"}}}
	count(permissions.deny) == 0 with input as {"content": wf}
}

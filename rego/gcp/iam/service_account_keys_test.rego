package mlcomply.gcp.iam.service_account_keys_test

import data.mlcomply.gcp.iam.service_account_keys as rule
import rego.v1

_denied(type_name, cfg) := found if {
	r := {"address": sprintf("%s.a", [type_name]), "type": type_name, "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_key_denied if {
	_denied("google_service_account_key", {"service_account_id": "google_service_account.trainer"}) == {"google_service_account_key.a"}
}

test_service_account_alone_passes if {
	_denied("google_service_account", {"account_id": "trainer"}) == set()
}

test_unknown_arguments_still_a_key if {
	# The key is created whatever its arguments are: an unknown service account id is still a key.
	_denied("google_service_account_key", {"service_account_id": {"__unknown__": "var.sa"}}) == {"google_service_account_key.a"}
}

package mlcomply.gcp.gcs.access_logging_test

import data.mlcomply.gcp.gcs.access_logging as rule
import rego.v1

_denied(cfg) := found if {
	b := {"address": "google_storage_bucket.b", "type": "google_storage_bucket", "mode": "managed", "config": cfg}
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": [b]}}
}

test_missing_logging_denied if {
	_denied({}) == {"google_storage_bucket.b"}
}

test_logging_passes if {
	_denied({"logging": [{"log_bucket": "google_storage_bucket.logs"}]}) == set()
}

test_unknown_passes if {
	_denied({"logging": [{"log_bucket": {"__unknown__": "var.logs"}}]}) == set()
	_denied({"logging": {"__unknown__": "dynamic"}}) == set()
}

_bucket(address, cfg) := {"address": address, "type": "google_storage_bucket", "mode": "managed", "config": cfg}

_denied_all(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_log_bucket_is_exempt if {
	data_bucket := _bucket("google_storage_bucket.d", {"name": "acme-data", "logging": [{"log_bucket": "acme-logs"}]})
	_denied_all([data_bucket, _bucket("google_storage_bucket.logs", {"name": "acme-logs"})]) == set()
	by_ref := _bucket("google_storage_bucket.d", {"logging": [{"log_bucket": "google_storage_bucket.logs"}]})
	_denied_all([by_ref, _bucket("google_storage_bucket.logs", {})]) == set()
	unknown_name := _bucket("google_storage_bucket.logs", {"name": {"__unknown__": "var.logs"}})
	_denied_all([data_bucket, unknown_name]) == set()
}

test_bucket_that_receives_no_logs_is_denied if {
	data_bucket := _bucket("google_storage_bucket.d", {"name": "acme-data", "logging": [{"log_bucket": "acme-logs"}]})
	logs := _bucket("google_storage_bucket.logs", {"name": "acme-logs"})
	_denied_all([data_bucket, logs, _bucket("google_storage_bucket.x", {"name": "acme-x"})]) == {"google_storage_bucket.x"}
}

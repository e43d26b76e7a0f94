package mlcomply.gcp.network.ml_ports_test

import data.mlcomply.gcp.network.ml_ports as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "google_compute_firewall.a", "type": "google_compute_firewall", "mode": "managed", "config": object.union({"source_ranges": ["0.0.0.0/0"]}, cfg)}
	found := {x.msg | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_ml_ports_denied if {
	_denied({"allow": [{"protocol": "tcp", "ports": ["8265", "10001"]}]}) == {"firewall google_compute_firewall.a opens Ray dashboard (8265), Ray client (10001) to the internet"}
	count(_denied({"allow": [{"protocol": "tcp"}]})) == 1
	count(_denied({"allow": [{"protocol": "tcp", "ports": ["5000-6006"]}]})) == 1
}

test_other_ports_pass if {
	_denied({"allow": [{"protocol": "tcp", "ports": ["443"]}]}) == set()
	_denied({"source_ranges": ["35.235.240.0/20"], "allow": [{"protocol": "tcp", "ports": ["8888"]}]}) == set()
}

test_unknown_passes if {
	_denied({"allow": [{"protocol": "tcp", "ports": [{"__unknown__": "var.port"}]}]}) == set()
}

test_web_server_ports_only_are_medium if {
	r := {"address": "google_compute_firewall.a", "type": "google_compute_firewall", "mode": "managed", "config": {"source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "tcp", "ports": ["8000"]}]}}
	sev := {object.get(x, "severity", "rule") | some x in rule.deny} with input as {"content": {"resources": [r]}}
	sev == {"medium"}
	r2 := {"address": "google_compute_firewall.a", "type": "google_compute_firewall", "mode": "managed", "config": {"source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "tcp"}]}}
	sev2 := {object.get(x, "severity", "rule") | some x in rule.deny} with input as {"content": {"resources": [r2]}}
	sev2 == {"rule"}
}

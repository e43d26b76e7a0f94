package lib.gcp.firewall_test

import data.lib.gcp.firewall
import rego.v1

_found(cfg) := found if {
	r := {"address": "google_compute_firewall.f", "type": "google_compute_firewall", "mode": "managed", "config": object.union({"source_ranges": ["0.0.0.0/0"]}, cfg)}
	pairs := firewall.internet_tcp with input as {"content": {"resources": [r]}}
	found := {specs | some [_, specs] in pairs}
}

test_open_ingress if {
	_found({"allow": [{"protocol": "tcp", "ports": ["22", "8888"]}]}) == {["22", "8888"]}
	_found({"allow": [{"protocol": "all"}]}) == {["*"]}
	_found({"direction": "INGRESS", "allow": [{"protocol": "tcp", "ports": ["22"]}, {"protocol": "udp", "ports": ["53"]}]}) == {["22"]}
}

test_closed_shapes if {
	_found({"allow": [{"protocol": "udp", "ports": ["8888"]}]}) == set()
	_found({"direction": "EGRESS", "allow": [{"protocol": "tcp"}]}) == set()
	_found({"disabled": true, "allow": [{"protocol": "tcp"}]}) == set()
	_found({"source_ranges": ["10.0.0.0/8"], "allow": [{"protocol": "tcp"}]}) == set()
}

test_unknown_is_not_open if {
	_found({"source_ranges": {"__unknown__": "var.r"}, "allow": [{"protocol": "tcp"}]}) == set()
	_found({"allow": [{"protocol": {"__unknown__": "var.p"}}]}) == set()
	_found({"allow": [{"protocol": "tcp", "ports": {"__unknown__": "var.p"}}]}) == set()
	_found({"disabled": {"__unknown__": "var.d"}, "allow": [{"protocol": "tcp"}]}) == set()
	_found({"allow": {"__unknown__": "var.a"}}) == set()
}

package mlcomply.gcp.network.admin_ports_test

import data.mlcomply.gcp.network.admin_ports as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "google_compute_firewall.a", "type": "google_compute_firewall", "mode": "managed", "config": object.union({"source_ranges": ["0.0.0.0/0"]}, cfg)}
	found := {x.msg | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_ssh_rdp_denied if {
	_denied({"allow": [{"protocol": "tcp", "ports": ["22"]}]}) == {"firewall google_compute_firewall.a opens SSH (22) to the internet"}
	_denied({"allow": [{"protocol": "all"}]}) == {"firewall google_compute_firewall.a opens SSH (22), RDP (3389) to the internet"}
}

test_other_ports_pass if {
	_denied({"allow": [{"protocol": "tcp", "ports": ["80", "443"]}]}) == set()
	_denied({"source_ranges": ["10.0.0.0/8"], "allow": [{"protocol": "tcp", "ports": ["22"]}]}) == set()
}

test_unknown_passes if {
	_denied({"source_ranges": [{"__unknown__": "var.r"}], "allow": [{"protocol": "tcp", "ports": ["22"]}]}) == set()
}

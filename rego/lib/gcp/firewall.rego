# METADATA
# title: Google Cloud firewall helpers
# description: >-
#   Enabled ingress google_compute_firewall rules that allow TCP from 0.0.0.0/0 (or ::/0), and
#   the port specifications they allow (no ports means every port).
# custom:
#   library: true
package lib.gcp.firewall

import data.lib.config
import data.lib.ports
import data.lib.terraform
import rego.v1

# [firewall, port specifications] for every enabled ingress rule open to the internet.
internet_tcp contains [fw, specs] if {
	some fw in terraform.resources("google_compute_firewall")
	_ingress(fw)
	config.is_false(config.value(fw.config, "disabled", false))
	some src in fw.config.source_ranges
	ports.is_internet(src)
	specs := [s |
		some a in config.blocks(fw.config, "allow")
		_tcp(a.protocol)
		some s in _specs(a)
	]
	count(specs) > 0
}

_ingress(fw) if fw.config.direction == "INGRESS"

_ingress(fw) if not config.has(fw.config, "direction")

_tcp(p) if p in {"tcp", "all", "6"}

# No `ports` allows every port of the protocol.
_specs(a) := ["*"] if not config.has(a, "ports")

_specs(a) := a.ports if is_array(a.ports)

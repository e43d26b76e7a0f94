# METADATA
# title: Port-range and internet-source helpers
# description: >-
#   The TCP ports of ML tools that must not face the internet, port specifications as the
#   clouds write them ("8888", "8000-8002", "*"), and source ranges that mean "anyone".
# custom:
#   library: true
package lib.ports

import rego.v1

# Ports of ML tools that serve an unauthenticated UI or API by default: a Jupyter server,
# the Ray dashboard and client, the MLflow tracking server, TensorBoard, Triton (HTTP, gRPC,
# metrics) and TF Serving (gRPC, REST).
ml_tools := [
	[8888, "Jupyter"],
	[8265, "Ray dashboard"],
	[10001, "Ray client"],
	[5000, "MLflow"],
	[6006, "TensorBoard"],
	[8000, "Triton HTTP"],
	[8001, "Triton gRPC"],
	[8002, "Triton metrics"],
	[8500, "TF Serving gRPC"],
	[8501, "TF Serving REST"],
]

# ML-tool ports that ordinary web servers use too (Flask on 5000, Django and most HTTP
# frameworks on 8000, 8001, 8080-style neighbours): a rule opening only these is not
# certainly an ML tool.
shared_with_web := {5000, 8000, 8001, 8002, 8500, 8501}

# The reason a finding that opens only such ports is reported below its rule's severity.
shared_reason := "only ports that ordinary web servers use too (Flask 5000, Django 8000) are open: the rule may serve a web application, not an ML tool"

# Remote administration: SSH and RDP.
admin := [[22, "SSH"], [3389, "RDP"]]

# Sources that mean the whole internet (CIDRs, and the Azure tags for it).
internet_sources := {"*", "0.0.0.0/0", "0.0.0.0", "::/0", "internet", "any"}

# `source` (a CIDR or service tag, any case) is the whole internet.
is_internet(source) if {
	is_string(source)
	lower(trim_space(source)) in internet_sources
}

# Port `port` lies in the specification `spec`: "*", a single port or a range "a-b". Unknown
# or unreadable specifications cover nothing, so they never produce a violation.
covers(spec, _) if spec == "*"

covers(spec, port) if {
	is_number(spec)
	spec == port
}

covers(spec, port) if {
	is_string(spec)
	regex.match(`^\s*[0-9]+\s*$`, spec)
	to_number(trim_space(spec)) == port
}

covers(spec, port) if {
	is_string(spec)
	regex.match(`^\s*[0-9]+\s*-\s*[0-9]+\s*$`, spec)
	bounds := split(spec, "-")
	to_number(trim_space(bounds[0])) <= port
	port <= to_number(trim_space(bounds[1]))
}

# "name (port)" for every entry of `named` ([port, name] pairs) that some spec in `specs`
# covers, in the order of `named`.
exposed(specs, named) := [sprintf("%s (%d)", [name, port]) |
	some [port, name] in named
	some spec in specs
	covers(spec, port)
]

# Every port of `named` that `specs` opens is also a common web-server port.
only_shared(specs, named) if {
	opened := {port | some [port, _] in named; some spec in specs; covers(spec, port)}
	count(opened) > 0
	count(opened - shared_with_web) == 0
}

# METADATA
# title: Firewall rule opens ML tool ports to the internet
# description: >-
#   An enabled ingress google_compute_firewall allows TCP from 0.0.0.0/0 (or ::/0) to a port of
#   an ML tool: Jupyter 8888, Ray dashboard 8265 and client 10001, MLflow 5000, TensorBoard
#   6006, Triton 8000-8002 or TF Serving 8500-8501 (no ports means all of them). These serve
#   without authentication by default; a reachable Jupyter or Ray port runs anyone's code on
#   the training host. A rule that opens only ports web servers share (5000, 8000-8002,
#   8500-8501) is reported at medium.
# custom:
#   id: MLC-GCP-NETWORK-001
#   severity: high
#   category: network
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0049, AML.T0007]
#   remediation: >-
#     Restrict source_ranges to known networks (or IAP's 35.235.240.0/20 with IAP TCP
#     forwarding), and reach the tools through IAP or an authenticating proxy.
#   input_kinds: [terraform]
#   references:
#     - https://docs.ray.io/en/latest/ray-security/index.html
#     - https://cloud.google.com/iap/docs/using-tcp-forwarding
package mlcomply.gcp.network.ml_ports

import data.lib.gcp.firewall
import data.lib.ports
import data.lib.result
import rego.v1

deny contains res if {
	some [fw, specs] in firewall.internet_tcp
	open := ports.exposed(specs, ports.ml_tools)
	count(open) > 0
	res := _severity(specs, result.resource(sprintf("firewall %s opens %s to the internet", [fw.address, concat(", ", open)]), fw))
}

_severity(specs, res) := result.with_severity(res, "medium", ports.shared_reason) if ports.only_shared(specs, ports.ml_tools)

_severity(specs, res) := res if not ports.only_shared(specs, ports.ml_tools)

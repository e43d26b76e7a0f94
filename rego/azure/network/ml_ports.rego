# METADATA
# title: Network security group opens ML tool ports to the internet
# description: >-
#   An inbound Allow rule for TCP from any source (*, 0.0.0.0/0, Internet) in an
#   azurerm_network_security_rule or a security_rule block covers a port of an ML tool:
#   Jupyter 8888, Ray dashboard 8265 and client 10001, MLflow 5000, TensorBoard 6006, Triton
#   8000-8002 or TF Serving 8500-8501. These serve without authentication by default; a
#   reachable Jupyter or Ray port runs anyone's code on the training host. A rule that opens
#   only ports web servers share (5000, 8000-8002, 8500-8501) is reported at medium.
# custom:
#   id: MLC-AZURE-NETWORK-001
#   severity: high
#   category: network
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0049, AML.T0007]
#   remediation: >-
#     Restrict source_address_prefix to the VNet or a known range, and reach the tools through
#     a VPN, Bastion or an authenticating proxy.
#   input_kinds: [terraform]
#   references:
#     - https://docs.ray.io/en/latest/ray-security/index.html
#     - https://jupyter-server.readthedocs.io/en/latest/operators/public-server.html
#     - https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview
package mlcomply.azure.network.ml_ports

import data.lib.azure.nsg
import data.lib.ports
import data.lib.result
import rego.v1

deny contains res if {
	some [r, rule] in nsg.internet_inbound
	open := ports.exposed(nsg.port_specs(rule), ports.ml_tools)
	count(open) > 0
	res := _severity(nsg.port_specs(rule), result.resource(sprintf("%s%s opens %s to the internet", [r.address, nsg.label(rule), concat(", ", open)]), r))
}

_severity(specs, res) := result.with_severity(res, "medium", ports.shared_reason) if ports.only_shared(specs, ports.ml_tools)

_severity(specs, res) := res if not ports.only_shared(specs, ports.ml_tools)

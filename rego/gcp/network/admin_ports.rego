# METADATA
# title: Firewall rule opens SSH or RDP to the internet
# description: >-
#   An enabled ingress google_compute_firewall allows TCP from 0.0.0.0/0 (or ::/0) to port 22
#   or 3389 (no ports means all of them): GPU and notebook VMs face password spraying and
#   exploits of their remote-administration service.
# custom:
#   id: MLC-GCP-NETWORK-002
#   severity: high
#   category: network
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0049]
#   remediation: Restrict source_ranges to known networks, or use IAP TCP forwarding (35.235.240.0/20) or OS Login with IAP.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_GCP_2, CKV_GCP_3]
#   references:
#     - https://cloud.google.com/iap/docs/using-tcp-forwarding
package mlcomply.gcp.network.admin_ports

import data.lib.gcp.firewall
import data.lib.ports
import data.lib.result
import rego.v1

deny contains res if {
	some [fw, specs] in firewall.internet_tcp
	open := ports.exposed(specs, ports.admin)
	count(open) > 0
	res := result.resource(sprintf("firewall %s opens %s to the internet", [fw.address, concat(", ", open)]), fw)
}

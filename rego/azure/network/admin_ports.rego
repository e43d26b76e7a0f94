# METADATA
# title: Network security group opens SSH or RDP to the internet
# description: >-
#   An inbound Allow rule for TCP from any source (*, 0.0.0.0/0, Internet) in an
#   azurerm_network_security_rule or a security_rule block covers port 22 or 3389: GPU and
#   notebook VMs face password spraying and exploits of their remote-administration service.
# custom:
#   id: MLC-AZURE-NETWORK-002
#   severity: high
#   category: network
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0049]
#   remediation: Restrict source_address_prefix to known ranges, or use Azure Bastion or just-in-time VM access.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AZURE_10, CKV_AZURE_9]
#   references:
#     - https://learn.microsoft.com/azure/bastion/bastion-overview
#     - https://learn.microsoft.com/azure/defender-for-cloud/just-in-time-access-overview
package mlcomply.azure.network.admin_ports

import data.lib.azure.nsg
import data.lib.ports
import data.lib.result
import rego.v1

deny contains res if {
	some [r, rule] in nsg.internet_inbound
	open := ports.exposed(nsg.port_specs(rule), ports.admin)
	count(open) > 0
	res := result.resource(sprintf("%s%s opens %s to the internet", [r.address, nsg.label(rule), concat(", ", open)]), r)
}

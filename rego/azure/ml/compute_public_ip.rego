# METADATA
# title: Azure ML compute with a public IP address
# description: >-
#   An azurerm_machine_learning_compute_instance or _compute_cluster leaves
#   node_public_ip_enabled unset or true (the default): training nodes and notebook VMs get
#   public addresses.
# custom:
#   id: MLC-AZURE-ML-004
#   severity: medium
#   category: network
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0049]
#   remediation: Set node_public_ip_enabled = false with a subnet_resource_id in a VNet with outbound access.
#   input_kinds: [terraform]
#   references:
#     - https://learn.microsoft.com/azure/machine-learning/how-to-secure-training-vnet
package mlcomply.azure.ml.compute_public_ip

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some type_name in ["azurerm_machine_learning_compute_instance", "azurerm_machine_learning_compute_cluster"]
	some c in terraform.resources(type_name)
	config.is_true(config.value(c.config, "node_public_ip_enabled", true))
	res := result.resource(sprintf("Azure ML compute %s has public IP addresses", [c.address]), c)
}

# METADATA
# title: Azure ML compute open to SSH from the internet
# description: >-
#   An azurerm_machine_learning_compute_cluster sets ssh_public_access_enabled = true, or an
#   azurerm_machine_learning_compute_instance has an ssh block, while node_public_ip_enabled is
#   unset or true (the default): the nodes' SSH port (50000 on clusters) answers the internet,
#   next to the training data and credentials mounted on them.
# custom:
#   id: MLC-AZURE-ML-006
#   severity: medium
#   category: network
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0049]
#   remediation: >-
#     Remove the ssh block / set ssh_public_access_enabled = false, or put the compute in a VNet
#     subnet with node_public_ip_enabled = false and reach it through Bastion or the VNet.
#   input_kinds: [terraform]
#   references:
#     - https://learn.microsoft.com/azure/machine-learning/how-to-create-compute-instance#enable-ssh-access
#     - https://learn.microsoft.com/azure/machine-learning/how-to-secure-training-vnet
package mlcomply.azure.ml.compute_ssh

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_public_ip(c) if config.is_true(config.value(c.config, "node_public_ip_enabled", true))

deny contains res if {
	some c in terraform.resources("azurerm_machine_learning_compute_cluster")
	config.is_true(c.config.ssh_public_access_enabled)
	_public_ip(c)
	res := result.resource(sprintf("Azure ML compute cluster %s opens SSH on public addresses", [c.address]), c)
}

deny contains res if {
	some c in terraform.resources("azurerm_machine_learning_compute_instance")
	count(config.blocks(c.config, "ssh")) > 0
	_public_ip(c)
	res := result.resource(sprintf("Azure ML compute instance %s opens SSH on a public address", [c.address]), c)
}

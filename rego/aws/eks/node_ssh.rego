# METADATA
# title: EKS node group open to SSH from anywhere
# description: >-
#   A node group's remote_access names an ec2_ssh_key but no source_security_group_ids: EKS
#   then opens port 22 of every node (GPU training and serving nodes included) to 0.0.0.0/0.
# custom:
#   id: MLC-AWS-EKS-004
#   severity: medium
#   category: network
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0049]
#   remediation: "Set source_security_group_ids to a bastion's group, or drop remote_access and use SSM Session Manager."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_100]
#   references:
#     - https://docs.aws.amazon.com/eks/latest/APIReference/API_RemoteAccessConfig.html
package mlcomply.aws.eks.node_ssh

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some ng in terraform.resources("aws_eks_node_group")
	some ra in config.blocks(ng.config, "remote_access")
	config.is_set(ra, "ec2_ssh_key")
	not config.has(ra, "source_security_group_ids")
	res := result.resource(sprintf("EKS node group %s allows SSH to its nodes from any address", [ng.address]), ng)
}

# METADATA
# title: EKS cluster API endpoint public to any address
# description: >-
#   endpoint_public_access is true (the default) and public_access_cidrs is unset or includes
#   0.0.0.0/0: the Kubernetes API of the cluster that trains and serves models is reachable
#   from the whole internet, one leaked kubeconfig or API flaw away from the workloads.
# custom:
#   id: MLC-AWS-EKS-001
#   severity: medium
#   category: network
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0049]
#   remediation: "Set endpoint_public_access = false with endpoint_private_access = true, or restrict public_access_cidrs to known ranges."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_38, CKV_AWS_39]
#   references:
#     - https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html
package mlcomply.aws.eks.public_endpoint

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some c in terraform.resources("aws_eks_cluster")
	some v in config.blocks(c.config, "vpc_config")
	config.is_true(config.value(v, "endpoint_public_access", true))
	cidrs := config.value(v, "public_access_cidrs", ["0.0.0.0/0"])
	"0.0.0.0/0" in cidrs
	res := result.resource(sprintf("EKS cluster %s exposes its API endpoint to any address", [c.address]), c)
}

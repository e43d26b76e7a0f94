# METADATA
# title: Security group allows all traffic from the internet
# description: >-
#   An ingress rule from 0.0.0.0/0 or ::/0 with protocol -1 (or every port): every service on
#   the instances, cluster nodes or endpoints behind the group is reachable from anywhere.
# custom:
#   id: MLC-AWS-VPC-003
#   severity: high
#   category: network
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0049]
#   remediation: "Allow only the ports the workload serves, from the sources that need them."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_277]
#   references:
#     - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-group-rules.html
package mlcomply.aws.vpc.all_ingress

import data.lib.aws.network
import data.lib.result
import rego.v1

deny contains res if {
	some o in network.open_rules("ingress")
	network.all_traffic(o)
	res := result.resource(sprintf("%s allows all inbound traffic from the internet", [o.resource.address]), o.resource)
}

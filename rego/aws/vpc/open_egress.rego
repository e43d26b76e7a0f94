# METADATA
# title: Security group allows all outbound traffic to the internet
# description: >-
#   An egress rule to 0.0.0.0/0 or ::/0 on every port and protocol: a compromised training job
#   or notebook can send data anywhere. The AWS default for a new group, so a policy choice
#   for teams that route egress through proxies or VPC endpoints.
# custom:
#   id: MLC-AWS-VPC-004
#   severity: low
#   profile: strict
#   category: network
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0025, AML.T0072]
#   remediation: "Limit egress to the VPC endpoints, proxies or ports the workload needs (e.g. 443 to a prefix list)."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_382]
#   references:
#     - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
package mlcomply.aws.vpc.open_egress

import data.lib.aws.network
import data.lib.result
import rego.v1

deny contains res if {
	some o in network.open_rules("egress")
	network.all_traffic(o)
	res := result.resource(sprintf("%s allows all outbound traffic to the internet", [o.resource.address]), o.resource)
}

# METADATA
# title: Security group opens SSH or RDP to the internet
# description: >-
#   An ingress rule from 0.0.0.0/0 or ::/0 covers port 22 (SSH) or 3389 (RDP) of training
#   hosts, notebooks or GPU instances: they are scanned and brute-forced within minutes of
#   coming up. Port ranges that include them count.
# custom:
#   id: MLC-AWS-VPC-002
#   severity: high
#   category: network
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0049]
#   remediation: "Use SSM Session Manager or EC2 Instance Connect, or restrict the CIDR to a bastion or VPN range."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_24, CKV_AWS_25]
#   references:
#     - https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager.html
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-13
package mlcomply.aws.vpc.admin_ports

import data.lib.aws.network
import data.lib.result
import rego.v1

deny contains res if {
	some o in network.open_rules("ingress")
	ports := [p | some p in [22, 3389]; network.covers(o, p)]
	count(ports) > 0
	res := result.resource(sprintf("%s opens port %d to the internet", [o.resource.address, ports[0]]), o.resource)
}

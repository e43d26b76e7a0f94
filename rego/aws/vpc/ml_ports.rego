# METADATA
# title: Security group opens an ML tool port to the internet
# description: >-
#   An ingress rule from 0.0.0.0/0 or ::/0 covers the port of a tool that ships without
#   authentication by default: Jupyter (8888), Ray dashboard and client (8265, 10001), MLflow
#   (5000), TensorBoard (6006), Triton (8000-8002) or TensorFlow Serving (8500-8501). A port
#   range that includes one counts; rules that open every port are MLC-AWS-VPC-003.
# custom:
#   id: MLC-AWS-VPC-001
#   severity: high
#   category: network
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0049, AML.T0007]
#   remediation: "Restrict the rule's CIDR to the VPC or a VPN range, or reach the tool through an SSH tunnel, SSM port forwarding or an authenticating proxy."
#   input_kinds: [terraform]
#   references:
#     - https://docs.ray.io/en/latest/ray-security/index.html
#     - https://mlflow.org/docs/latest/auth/index.html
#     - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-group-rules.html
package mlcomply.aws.vpc.ml_ports

import data.lib.aws.network
import data.lib.result
import rego.v1

_ports := {8888: "Jupyter", 8265: "Ray dashboard", 10001: "Ray client", 5000: "MLflow", 6006: "TensorBoard", 8000: "Triton HTTP", 8001: "Triton gRPC", 8002: "Triton metrics", 8500: "TF Serving gRPC", 8501: "TF Serving REST"}

deny contains res if {
	some o in network.open_rules("ingress")
	not network.all_traffic(o)
	tools := sort({sprintf("%s (%d)", [tool, port]) | some port, tool in _ports; network.covers(o, port)})
	count(tools) > 0
	res := result.resource(sprintf("%s opens %s to the internet", [o.resource.address, concat(", ", tools)]), o.resource)
}

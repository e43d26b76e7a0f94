# METADATA
# title: EKS cluster without full control-plane logging
# description: >-
#   enabled_cluster_log_types does not include all of api, audit, authenticator,
#   controllerManager and scheduler: who changed a training job, a model server or an RBAC
#   binding cannot be reconstructed from CloudWatch.
# custom:
#   id: MLC-AWS-EKS-003
#   severity: low
#   profile: strict
#   category: logging
#   nist_ai_rmf: [MEASURE 2.4, MANAGE 4.1]
#   atlas_none: "cluster-wide monitoring is general detection coverage, not tied to one ATLAS technique"
#   remediation: "Set enabled_cluster_log_types = [\"api\", \"audit\", \"authenticator\", \"controllerManager\", \"scheduler\"]."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_37]
#   references:
#     - https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html
package mlcomply.aws.eks.control_plane_logging

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_types := {"api", "audit", "authenticator", "controllerManager", "scheduler"}

deny contains res if {
	some c in terraform.resources("aws_eks_cluster")
	enabled := config.value(c.config, "enabled_cluster_log_types", [])
	is_array(enabled)
	every v in enabled { is_string(v) }
	missing := _types - {v | some v in enabled}
	count(missing) > 0
	res := result.resource(sprintf("EKS cluster %s does not log %s", [c.address, concat(", ", sort(missing))]), c)
}

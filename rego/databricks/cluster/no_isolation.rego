# METADATA
# title: Databricks cluster without user isolation
# description: >-
#   A databricks_cluster sets data_security_mode = "NONE" (No isolation shared), or a
#   databricks_cluster_policy fixes it to "NONE": every user of the cluster runs code in one
#   shared environment, can read the others' credentials and data, and Unity Catalog
#   permissions are not enforced on it.
# custom:
#   id: MLC-DATABRICKS-CLUSTER-002
#   severity: medium
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas_none: "separation between users of one cluster; ATLAS names no technique for it"
#   remediation: Set data_security_mode = "USER_ISOLATION" (shared) or "SINGLE_USER" (assigned; ML runtimes).
#   input_kinds: [terraform]
#   references:
#     - https://docs.databricks.com/en/compute/access-mode-limitations.html
package mlcomply.databricks.cluster.no_isolation

import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some c in terraform.resources("databricks_cluster")
	c.config.data_security_mode == "NONE"
	res := result.resource(sprintf("Databricks cluster %s runs without user isolation (data_security_mode NONE)", [c.address]), c)
}

deny contains res if {
	some p in terraform.resources("databricks_cluster_policy")
	is_string(p.config.definition)
	json.is_valid(p.config.definition)
	rule := json.unmarshal(p.config.definition).data_security_mode
	rule.type == "fixed"
	rule.value == "NONE"
	res := result.resource(sprintf("cluster policy %s forces clusters without user isolation (data_security_mode NONE)", [p.address]), p)
}

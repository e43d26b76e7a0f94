# METADATA
# title: Databricks cluster without local disk encryption
# description: >-
#   A databricks_cluster does not set enable_local_disk_encryption = true, or a
#   databricks_cluster_policy does not fix it to true: shuffle files, spilled data and
#   cached training data on the nodes' local disks are not encrypted with the cluster's key.
# custom:
#   id: MLC-DATABRICKS-CLUSTER-001
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: >-
#     Set enable_local_disk_encryption = true, and enforce it in cluster policies with
#     "enable_local_disk_encryption": {"type": "fixed", "value": true}.
#   input_kinds: [terraform]
#   references:
#     - https://docs.databricks.com/en/security/keys/encrypt-otw.html
#     - https://docs.databricks.com/en/admin/clusters/policy-definition.html
package mlcomply.databricks.cluster.local_disk_encryption

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some c in terraform.resources("databricks_cluster")
	config.is_false(config.value(c.config, "enable_local_disk_encryption", false))
	res := result.resource(sprintf("Databricks cluster %s does not encrypt its local disks", [c.address]), c)
}

# Only a policy whose JSON definition is known is judged.
deny contains res if {
	some p in terraform.resources("databricks_cluster_policy")
	is_string(p.config.definition)
	json.is_valid(p.config.definition)
	not _fixes_encryption(json.unmarshal(p.config.definition))
	res := result.resource(sprintf("cluster policy %s does not enforce local disk encryption", [p.address]), p)
}

_fixes_encryption(def) if {
	rule := def.enable_local_disk_encryption
	rule.type == "fixed"
	config.is_true(rule.value)
}

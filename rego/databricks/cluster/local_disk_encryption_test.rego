package mlcomply.databricks.cluster.local_disk_encryption_test

import data.mlcomply.databricks.cluster.local_disk_encryption as rule
import rego.v1

_denied(type_name, cfg) := found if {
	r := {"address": sprintf("%s.a", [type_name]), "type": type_name, "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_unencrypted_denied if {
	_denied("databricks_cluster", {"spark_version": "15.4.x-scala2.12"}) == {"databricks_cluster.a"}
	_denied("databricks_cluster", {"enable_local_disk_encryption": false}) == {"databricks_cluster.a"}
	_denied("databricks_cluster_policy", {"definition": json.marshal({"spark_version": {"type": "fixed", "value": "15.4.x-scala2.12"}})}) == {"databricks_cluster_policy.a"}
	_denied("databricks_cluster_policy", {"definition": json.marshal({"enable_local_disk_encryption": {"type": "unlimited", "defaultValue": true}})}) == {"databricks_cluster_policy.a"}
}

test_encrypted_passes if {
	_denied("databricks_cluster", {"enable_local_disk_encryption": true}) == set()
	_denied("databricks_cluster_policy", {"definition": json.marshal({"enable_local_disk_encryption": {"type": "fixed", "value": true}})}) == set()
}

test_unknown_passes if {
	_denied("databricks_cluster", {"enable_local_disk_encryption": {"__unknown__": "var.e"}}) == set()
	_denied("databricks_cluster_policy", {"definition": {"__unknown__": "file(\"policy.json\")"}}) == set()
	_denied("databricks_cluster_policy", {"policy_family_id": "personal-vm"}) == set()
}

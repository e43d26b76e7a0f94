# METADATA
# title: Aurora / RDS cluster storage not encrypted
# description: >-
#   storage_encrypted is false, or unset on a provisioned cluster (the provider default is
#   false, except for engine_mode "serverless" where it is true), and the cluster is not
#   restored from a snapshot or replicating an encrypted source.
# custom:
#   id: MLC-AWS-RDS-002
#   severity: high
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: Set storage_encrypted = true and kms_key_id to a customer-managed key (requires a new cluster).
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_96]
#   references:
#     - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.html
#     - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/rds_cluster
package mlcomply.aws.rds.cluster_encryption

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_default(cluster) := true if cluster.config.engine_mode == "serverless"

_default(cluster) := false if not cluster.config.engine_mode == "serverless"

deny contains res if {
	some cluster in terraform.resources("aws_rds_cluster")
	not terraform.is_unknown(object.get(cluster.config, "engine_mode", null))
	not config.has(cluster.config, "snapshot_identifier")
	not config.has(cluster.config, "replication_source_identifier")
	config.is_false(config.value(cluster.config, "storage_encrypted", _default(cluster)))
	res := result.resource(sprintf("RDS cluster %s does not encrypt its storage", [cluster.address]), cluster)
}

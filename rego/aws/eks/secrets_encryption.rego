# METADATA
# title: EKS cluster without envelope encryption of secrets by a customer key
# description: >-
#   No encryption_config covers "secrets": Kubernetes secrets (registry credentials, API keys
#   of model providers, database passwords) are encrypted only with the AWS-owned key of the
#   control plane, not with a KMS key the account controls and audits.
# custom:
#   id: MLC-AWS-EKS-002
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0055]
#   remediation: "Add encryption_config { resources = [\"secrets\"] provider { key_arn = aws_kms_key.eks.arn } }."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_58]
#   references:
#     - https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html
package mlcomply.aws.eks.secrets_encryption

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some c in terraform.resources("aws_eks_cluster")
	not config.block_unknown(c.config, "encryption_config")
	not _secrets_encrypted(c)
	res := result.resource(sprintf("EKS cluster %s does not encrypt Kubernetes secrets with a KMS key", [c.address]), c)
}

_secrets_encrypted(c) if {
	some e in config.blocks(c.config, "encryption_config")
	some r in config.value(e, "resources", ["secrets"])
	r == "secrets"
}

_secrets_encrypted(c) if {
	some e in config.blocks(c.config, "encryption_config")
	terraform.is_unknown(e.resources)
}

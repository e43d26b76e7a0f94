# METADATA
# title: SageMaker feature group stores without a KMS key
# description: >-
#   The online store is enabled without security_config.kms_key_id, or the offline store's
#   s3_storage_config has no kms_key_id: features, often derived from personal data, are
#   stored under keys the customer does not control.
# custom:
#   id: MLC-AWS-SAGEMAKER-012
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: >-
#     Set online_store_config { security_config { kms_key_id } } and
#     offline_store_config { s3_storage_config { kms_key_id } } to customer-managed keys.
#   input_kinds: [terraform]
#   references:
#     - https://docs.aws.amazon.com/sagemaker/latest/dg/feature-store-security.html
package mlcomply.aws.sagemaker.feature_group_kms

import data.lib.aws.kms
import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_online_unencrypted(fg) if {
	some online in config.blocks(fg.config, "online_store_config")
	config.is_true(config.value(online, "enable_online_store", false))
	not config.block_unknown(online, "security_config")
	not _any_key(config.blocks(online, "security_config"))
}

_offline_unencrypted(fg) if {
	some offline in config.blocks(fg.config, "offline_store_config")
	not config.block_unknown(offline, "s3_storage_config")
	not _any_key(config.blocks(offline, "s3_storage_config"))
}

_any_key(blocks) if {
	some b in blocks
	kms.customer_managed(b, "kms_key_id")
}

deny contains res if {
	some fg in terraform.resources("aws_sagemaker_feature_group")
	_online_unencrypted(fg)
	res := result.resource(sprintf("SageMaker feature group %s has an online store without a KMS key", [fg.address]), fg)
}

deny contains res if {
	some fg in terraform.resources("aws_sagemaker_feature_group")
	_offline_unencrypted(fg)
	res := result.resource(sprintf("SageMaker feature group %s has an offline store without a KMS key", [fg.address]), fg)
}

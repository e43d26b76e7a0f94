# METADATA
# title: GCS bucket without usage logging
# description: >-
#   The bucket has no logging block (log_bucket): downloads of datasets and model artifacts
#   leave no access record besides Cloud Audit data-access logs, which are off by default.
# custom:
#   id: MLC-GCP-GCS-006
#   severity: low
#   profile: strict
#   category: logging
#   nist_ai_rmf: [MEASURE 2.8, MEASURE 2.4]
#   remediation: >-
#     Add logging { log_bucket = google_storage_bucket.<logs>.name }, or enable Data Access
#     audit logs for storage.googleapis.com.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_GCP_62]
#   references:
#     - https://cloud.google.com/storage/docs/access-logs
package mlcomply.gcp.gcs.access_logging

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_logged(b) if {
	some l in config.blocks(b.config, "logging")
	config.is_set(l, "log_bucket")
}

_logged(b) if config.block_unknown(b.config, "logging")

deny contains res if {
	some b in terraform.resources("google_storage_bucket")
	not _logged(b)
	res := result.resource(sprintf("GCS bucket %s has no usage logging", [b.address]), b)
}

# METADATA
# title: GCS bucket without usage logging
# description: >-
#   The bucket has no logging block (log_bucket): downloads of datasets and model artifacts
#   leave no access record besides Cloud Audit data-access logs, which are off by default.
#   Buckets that receive other buckets' usage logs are not reported (logging them would log
#   the logging).
# custom:
#   id: MLC-GCP-GCS-006
#   severity: low
#   profile: strict
#   category: logging
#   nist_ai_rmf: [MEASURE 2.8, MEASURE 2.4]
#   atlas: [AML.T0035, AML.T0025]
#   remediation: >-
#     Add logging { log_bucket = google_storage_bucket.<logs>.name }, or enable Data Access
#     audit logs for storage.googleapis.com.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_GCP_62]
#   references:
#     - https://cloud.google.com/storage/docs/access-logs
package mlcomply.gcp.gcs.access_logging

import data.lib.config
import data.lib.refs
import data.lib.result
import data.lib.terraform
import rego.v1

_logged(b) if {
	some l in config.blocks(b.config, "logging")
	config.is_set(l, "log_bucket")
}

_logged(b) if config.block_unknown(b.config, "logging")

_type := "google_storage_bucket"

# Buckets that receive usage logs: the log_bucket of any bucket's logging block, by address
# (a reference) or name; a bucket of unknown name may be one a log_bucket string names.
_log_targets := {t |
	some other in terraform.resources(_type)
	some l in config.blocks(other.config, "logging")
	t := l.log_bucket
	is_string(t)
}

_unmatched_log_targets := refs.unmatched(_log_targets, _type, "name")

_log_target(b) if refs.targeted(_log_targets, b, "name")

_log_target(b) if refs.maybe_targeted(_unmatched_log_targets, b, "name")

deny contains res if {
	some b in terraform.resources(_type)
	not _logged(b)
	not _log_target(b)
	res := result.resource(sprintf("GCS bucket %s has no usage logging", [b.address]), b)
}

# METADATA
# title: Personal data stored in GCS without a retention limit
# description: >-
#   A google_storage_bucket that its labels or name mark as holding personal data has no
#   lifecycle_rule with a Delete action: objects are kept for ever, and a GDPR Art. 17 erasure
#   request has to find and delete each copy (and each noncurrent version) by hand.
# custom:
#   atlas_none: "retention and erasure of personal data is a privacy-law control; it prevents or detects no ATLAS technique"
#   id: MLC-GCP-RETENTION-001
#   severity: medium
#   category: privacy
#   nist_ai_rmf: [MEASURE 2.10, MAP 4.1, GOVERN 1.1]
#   remediation: >-
#     Add lifecycle_rule { action { type = "Delete" } condition { age = N } } matching the
#     documented retention period (and one with num_newer_versions / days_since_noncurrent_time
#     on versioned buckets). Document the erasure procedure next to the retention period.
#   input_kinds: [terraform]
#   references:
#     - https://gdpr-info.eu/art-17-gdpr/
#     - https://cloud.google.com/storage/docs/lifecycle
package mlcomply.gcp.retention.personal_data

import data.lib.config
import data.lib.personal
import data.lib.result
import data.lib.terraform
import rego.v1

_deletes(b) if {
	some rule in config.blocks(b.config, "lifecycle_rule")
	some action in config.blocks(rule, "action")
	action.type == "Delete"
}

deny contains res if {
	some b in personal.holding(terraform.resources("google_storage_bucket"), "name")
	not _deletes(b)
	not config.block_unknown(b.config, "lifecycle_rule")
	res := result.resource(
		sprintf("GCS bucket %s holds personal data (by its labels or name) and no lifecycle rule deletes it: erasure and retention limits depend on manual deletion", [b.address]),
		b,
	)
}

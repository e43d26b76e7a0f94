# METADATA
# title: BigQuery dataset or table readable by the public
# description: >-
#   An access block of a google_bigquery_dataset, a google_bigquery_dataset_access, or a
#   dataset/table IAM member, binding or policy grants to allUsers or allAuthenticatedUsers:
#   training data and prediction logs become queryable by anyone.
# custom:
#   id: MLC-GCP-BIGQUERY-003
#   severity: critical
#   category: public-access
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0025, AML.T0048.004]
#   remediation: Grant dataset and table roles to named groups or service accounts only.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_GCP_15, CKV_GCP_100]
#   references:
#     - https://cloud.google.com/bigquery/docs/control-access-to-resources-iam
package mlcomply.gcp.bigquery.public

import data.lib.config
import data.lib.gcp.iam
import data.lib.result
import data.lib.terraform
import rego.v1

_iam_types := [
	"google_bigquery_dataset_iam_member",
	"google_bigquery_dataset_iam_binding",
	"google_bigquery_dataset_iam_policy",
	"google_bigquery_table_iam_member",
	"google_bigquery_table_iam_binding",
	"google_bigquery_table_iam_policy",
]

# An access entry names the public through special_group or iam_member.
_public_entry(a) := a.special_group if a.special_group in iam.public_members

_public_entry(a) := a.iam_member if a.iam_member in iam.public_members

deny contains res if {
	some ds in terraform.resources("google_bigquery_dataset")
	some a in config.blocks(ds.config, "access")
	who := _public_entry(a)
	res := result.resource(sprintf("BigQuery dataset %s gives access to %s", [ds.address, who]), ds)
}

deny contains res if {
	some a in terraform.resources("google_bigquery_dataset_access")
	who := _public_entry(a.config)
	res := result.resource(sprintf("%s gives access to %s", [a.address, who]), a)
}

deny contains res if {
	some type_name in _iam_types
	some r in terraform.resources(type_name)
	public := iam.public_granted(r)
	count(public) > 0
	res := result.resource(sprintf("%s grants a role to %s", [r.address, concat(", ", public)]), r)
}

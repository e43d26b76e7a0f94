# METADATA
# title: Lake Formation grant of ALL or SUPER, or to IAM_ALLOWED_PRINCIPALS
# description: >-
#   An aws_lakeformation_permissions resource grants to IAM_ALLOWED_PRINCIPALS (every IAM
#   principal with the matching IAM permission: Lake Formation no longer governs the resource),
#   or grants ALL or SUPER (every permission, present and future, including DROP and GRANT) on
#   a catalog, database, table or data location. Governed access to training data rests on
#   fine-grained grants.
# custom:
#   atlas_none: "over-broad permissions widen any compromise; ATLAS names no technique for excess privilege itself"
#   id: MLC-AWS-LAKEFORMATION-001
#   severity: high
#   category: iam
#   nist_ai_rmf: [GOVERN 1.6, MEASURE 2.7, MEASURE 2.10]
#   remediation: >-
#     Grant the named role only the permissions it uses (SELECT, DESCRIBE; with data filters or
#     column lists for personal data) instead of ALL/SUPER, and revoke IAM_ALLOWED_PRINCIPALS
#     grants once Lake Formation permissions are in place (aws lakeformation revoke-permissions).
#   input_kinds: [terraform]
#   references:
#     - https://docs.aws.amazon.com/lake-formation/latest/dg/lf-permissions-reference.html
#     - https://docs.aws.amazon.com/lake-formation/latest/dg/upgrade-glue-lake-formation.html
#     - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lakeformation_permissions
package mlcomply.aws.lakeformation.permissions

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_broad := {"ALL", "SUPER"}

_granted(p) := {x |
	some attr in ["permissions", "permissions_with_grant_option"]
	some x in config.value(p.config, attr, [])
	is_string(x)
}

deny contains res if {
	some p in terraform.resources("aws_lakeformation_permissions")
	p.config.principal == "IAM_ALLOWED_PRINCIPALS"
	res := result.resource(sprintf("Lake Formation permissions %s grant to IAM_ALLOWED_PRINCIPALS: IAM alone controls access", [p.address]), p)
}

deny contains res if {
	some p in terraform.resources("aws_lakeformation_permissions")
	p.config.principal != "IAM_ALLOWED_PRINCIPALS"
	broad := _granted(p) & _broad
	count(broad) > 0
	msg := sprintf("Lake Formation permissions %s grant %s", [p.address, concat(", ", sort(broad))])
	res := result.with_severity(
		result.resource(msg, p),
		"medium",
		"granted to one named principal, not to every IAM principal",
	)
}

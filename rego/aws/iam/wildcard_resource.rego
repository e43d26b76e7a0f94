# METADATA
# title: IAM policy that allows write or secret-read actions on every resource
# description: >-
#   An Allow statement without a condition grants, on Resource "*", a write or permissions-
#   management action (anything but Get/List/Describe-style reads) or a read that exfiltrates
#   data (s3:GetObject, ssm:GetParameter*, secretsmanager:GetSecretValue): a training or CI
#   role that should use one bucket, secret or model package group can use all of them.
#   Statements that allow every action are MLC-AWS-IAM-002.
# custom:
#   id: MLC-AWS-IAM-003
#   severity: medium
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7, GOVERN 6.1]
#   atlas_none: "over-broad permissions widen any compromise; ATLAS names no technique for excess privilege itself"
#   remediation: "Scope Resource to the ARNs the workload writes (bucket, model package group, log group), or add a condition that narrows it."
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_288, CKV_AWS_289, CKV_AWS_290, CKV_AWS_355]
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
#     - https://github.com/salesforce/cloudsplaining
package mlcomply.aws.iam.wildcard_resource

import data.lib.aws.policy
import data.lib.result
import rego.v1

# Read-only verbs: granting them on "*" is routine (Describe* has no resource-level
# permissions in most services).
_read_only(action) if regex.match(`^[A-Za-z0-9-]+:(Get|List|Describe|Head|Search|Select|Query|Scan|Lookup|BatchGet|View|Check|Validate|Preview)`, action)

# Reads that hand over data or secrets (cloudsplaining's data-exfiltration actions).
_exfiltration := ["s3:getobject", "ssm:getparameter", "ssm:getparameters", "ssm:getparametersbypath", "secretsmanager:getsecretvalue"]

_exfiltrates(action) if {
	some target in _exfiltration
	glob.match(lower(action), [], target)
}

_write(st) := [a |
	some a in st.actions
	not a in {"*", "*:*"}
	_unsafe(a)
]

_unsafe(a) if not _read_only(a)

_unsafe(a) if _exfiltrates(a)

deny contains res if {
	some doc in policy.identity_documents
	some st in doc.statements
	policy.allows(st)
	policy.all_resources(st)
	not policy.all_actions(st)
	count(st.conditions) == 0
	actions := _write(st)
	count(actions) > 0
	res := result.resource(sprintf("IAM policy in %s allows %s on every resource (\"*\")", [doc.resource.address, actions[0]]), doc.resource)
}

# METADATA
# title: AWS IAM policy statements, normalised
# description: >-
#   Every statement of an identity, trust or resource policy, whether written as a JSON
#   string (jsonencode, heredoc, file()), an object or a data.aws_iam_policy_document, in one
#   shape: effect, actions, resources, principals (by type), condition keys. Rules about what
#   a policy grants (admin, wildcards, trust) read only this shape.
# custom:
#   library: true
package lib.aws.policy

import data.lib.config
import data.lib.refs
import data.lib.terraform
import rego.v1

# The statements of the policy in `r.config[attr]`: parsed from JSON or an object, or those
# of the aws_iam_policy_document it references. Empty when the policy is unknown.
statements(r, attr) := [_from_json(st) | some st in _json_list(doc.Statement)] if {
	doc := _document(r.config[attr])
}

statements(r, attr) := _documents[refs.data_source(r, r.config[attr])] if {
	not _document(r.config[attr])
	_loaded_data_source(r, r.config[attr])
}

statements(r, attr) := [] if {
	not _document(r.config[attr])
	not _loaded_data_source(r, r.config[attr])
}

# The policy in `r.config[attr]` could not be read (unknown, or a data source the scan did
# not load): rules about what it lacks (e.g. a condition) stay silent.
unreadable(r, attr) if {
	config.has(r.config, attr)
	not _document(r.config[attr])
	not _loaded_data_source(r, r.config[attr])
}

# A data source reference, written plainly ("data.x.y") or as the unknown marker static
# evaluation leaves for `data.x.y.json`, whose statements the scan loaded.
_loaded_data_source(r, v) if _documents[refs.data_source(r, v)]

# Statements of every aws_iam_policy_document, by address: built once per evaluation.
_documents := {d.address: [_from_data(st) | some st in config.blocks(d.config, "statement")] |
	some d in input.content.resources
	d.mode == "data"
	d.type == "aws_iam_policy_document"
}

allows(st) if st.effect == "Allow"

# An action pattern that matches every action of every service.
all_actions(st) if {
	some a in st.actions
	a in {"*", "*:*"}
}

all_resources(st) if "*" in st.resources

# The statement names a principal of `type` ("AWS", "Service", "Federated", "*") with value `v`.
principal(st, type, v) if v in object.get(st.principals, type, [])

has_condition_key(st, key) if {
	some c in st.conditions
	lower(c.key) == lower(key)
}

# The policy documents that grant permissions to identities: the JSON `policy` of
# aws_iam_policy and the inline policies of roles, users and groups, and every
# aws_iam_policy_document (reported at the data source, where the fix goes, however many
# policies use it). Each as {"resource", "statements"}; one whose policy is a data source
# reference or unknown is left to the data source or skipped.
identity_documents contains {"resource": r, "statements": statements(r, "policy")} if {
	some t in ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"]
	some r in terraform.resources(t)
	_document(r.config.policy)
}

identity_documents contains {"resource": r, "statements": [_from_json(st) | some st in _json_list(_document(b.policy).Statement)]} if {
	some r in terraform.resources("aws_iam_role")
	some b in config.blocks(r.config, "inline_policy")
	_document(b.policy)
}

identity_documents contains {"resource": d, "statements": _documents[d.address]} if {
	some d in input.content.resources
	d.mode == "data"
	d.type == "aws_iam_policy_document"
}

_document(p) := json.unmarshal(p) if {
	is_string(p)
	json.is_valid(p)
}

_document(p) := p if {
	is_object(p)
	not terraform.is_unknown(p)
}

_json_list(x) := x if is_array(x)

_json_list(x) := [x] if is_object(x)

_strings(x) := [x] if is_string(x)

_strings(x) := [v | some v in x; is_string(v)] if is_array(x)

_strings(x) := [] if {
	not is_string(x)
	not is_array(x)
}

_from_json(st) := {
	"effect": object.get(st, "Effect", ""),
	"actions": _strings(object.get(st, "Action", [])),
	"resources": _strings(object.get(st, "Resource", [])),
	"principals": _json_principals(object.get(st, "Principal", null)),
	"conditions": [{"key": k, "values": _strings(v)} |
		some _, kv in object.get(st, "Condition", {})
		is_object(kv)
		some k, v in kv
	],
}

_json_principals(p) := {"*": ["*"]} if p == "*"

_json_principals(p) := {t: _strings(v) | some t, v in p} if is_object(p)

_json_principals(p) := {} if {
	p != "*"
	not is_object(p)
}

# aws_iam_policy_document: effect defaults to "Allow"; principals blocks by type; a
# condition block names its variable.
_from_data(st) := {
	"effect": config.value(st, "effect", "Allow"),
	"actions": _strings(object.get(st, "actions", [])),
	"resources": _strings(object.get(st, "resources", [])),
	"principals": {t: [id |
		some p2 in config.blocks(st, "principals")
		p2.type == t
		some id in _strings(p2.identifiers)
	] |
		some p in config.blocks(st, "principals")
		t := p.type
	},
	"conditions": [{"key": c.variable, "values": _strings(object.get(c, "values", []))} |
		some c in config.blocks(st, "condition")
		is_string(c.variable)
	],
}

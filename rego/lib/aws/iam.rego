# METADATA
# title: AWS IAM policy document helpers
# description: >-
#   Statements of a resource policy written as a JSON string (jsonencode output, heredoc,
#   file()), as an object, or as a reference to a data.aws_iam_policy_document, and the
#   test for a statement that allows anyone.
# custom:
#   library: true
package lib.aws.iam

import data.lib.config
import data.lib.refs
import data.lib.terraform
import rego.v1

# The statements of `policy` (a JSON string or an object), each as {"effect", "principals",
# "conditional"}, where principals lists every principal value ("*" for anyone).
statements(policy) := [_json_statement(st) | some st in _json_list(doc.Statement)] if {
	doc := _document(policy)
}

statements(policy) := [] if not _document(policy)

# The policy `policy` of resource `r` allows anyone: as JSON or an object, or as a reference
# (rendered, or left unevaluated) to a data.aws_iam_policy_document that does.
public_policy(_, policy) if {
	some st in statements(policy)
	public_allow(st)
}

public_policy(r, policy) if refs.data_source(r, policy) in public_documents

# Addresses of the aws_iam_policy_document data sources with a public statement: one pass
# over the document, whatever the number of policies that use them.
public_documents contains d.address if {
	some d in input.content.resources
	d.mode == "data"
	d.type == "aws_iam_policy_document"
	some st in config.blocks(d.config, "statement")
	public_allow(_data_statement(st))
}

# A statement that allows any principal without a condition narrowing it (a condition
# such as aws:SourceVpce or aws:PrincipalOrgID makes it a judged, not a public, grant).
public_allow(st) if {
	st.effect == "Allow"
	"*" in st.principals
	not st.conditional
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

_json_statement(st) := {
	"effect": object.get(st, "Effect", ""),
	"principals": _json_principals(object.get(st, "Principal", null)),
	"conditional": count(object.get(st, "Condition", {})) > 0,
}

_json_principals(p) := ["*"] if p == "*"

_json_principals(p) := [v | some values in p; some v in _strings(values)] if is_object(p)

_json_principals(p) := [] if {
	not p == "*"
	not is_object(p)
}

_strings(x) := [x] if is_string(x)

_strings(x) := x if is_array(x)

_strings(x) := [] if {
	not is_string(x)
	not is_array(x)
}

# aws_iam_policy_document: effect defaults to "Allow"; a principals block of type "*", or
# of type "AWS" with identifier "*", means anyone.
_data_statement(st) := {
	"effect": config.value(st, "effect", "Allow"),
	"principals": [id |
		some p in config.blocks(st, "principals")
		p.type in {"*", "AWS"}
		some id in _strings(p.identifiers)
	],
	"conditional": count(config.blocks(st, "condition")) > 0,
}

# METADATA
# title: Google Cloud IAM member helpers
# description: >-
#   The members granted by *_iam_member, *_iam_binding and *_iam_policy resources (policy_data
#   as JSON or a reference to data.google_iam_policy), and the public-member test.
# custom:
#   library: true
package lib.gcp.iam

import data.lib.config
import data.lib.refs
import rego.v1

# The two principals that mean "anyone" (on the internet / with a Google account).
public_members := {"allUsers", "allAuthenticatedUsers"}

# Members granted by IAM resource `r` of kind member, binding or policy (for a policy from a
# google_iam_policy data source: its public members only).
members(r) := [r.config.member] if is_string(r.config.member)

members(r) := [m | some m in r.config.members; is_string(m)] if is_array(r.config.members)

members(r) := [m |
	doc := json.unmarshal(r.config.policy_data)
	some b in doc.bindings
	some m in b.members
] if {
	is_string(r.config.policy_data)
	json.is_valid(r.config.policy_data)
}

members(r) := [m |
	ref := refs.data_source(r, r.config.policy_data)
	some [address, m] in _data_public_members
	address == ref
] if {
	refs.data_source(r, r.config.policy_data)
}

# [role, member] pairs granted by IAM resource `r`: member and binding resources, and the
# bindings of literal policy_data JSON.
role_members(r) := [[r.config.role, r.config.member]] if is_string(r.config.member)

role_members(r) := [[r.config.role, m] | some m in r.config.members] if is_array(r.config.members)

role_members(r) := [[b.role, m] |
	some b in json.unmarshal(r.config.policy_data).bindings
	some m in b.members
] if {
	is_string(r.config.policy_data)
	json.is_valid(r.config.policy_data)
}

# The public members `r` grants, sorted.
public_granted(r) := sort([m | some m in members(r); m in public_members])

# [address, member] for the public members of every google_iam_policy data source: built
# in one pass, so resolving a policy_data reference does not scan the document.
_data_public_members contains [d.address, m] if {
	some d in input.content.resources
	d.mode == "data"
	d.type == "google_iam_policy"
	some b in config.blocks(d.config, "binding")
	some m in b.members
	m in public_members
}

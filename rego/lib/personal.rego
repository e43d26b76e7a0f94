# METADATA
# title: Personal-data markers on cloud resources
# description: >-
#   Whether a resource says it holds personal data: a tag key or value (pii, phi, gdpr,
#   personal, personal_data) not set to a negative, or such a word in its name. Shared by the
#   retention rules of every provider.
# custom:
#   library: true
package lib.personal

import rego.v1

_word := `(^|[^a-z])(pii|phi|gdpr|personal|personal[_-]data|customer[_-]pii)([^a-z]|$)`

_negative := {"false", "no", "none", "0", "n/a", "na", "public"}

_marked(s) if regex.match(_word, lower(s))

# A tag `pii = "true"`, `data_classification = "PII"`, `contains-personal-data = "yes"`.
_tag_says(k, v) if {
	_marked(k)
	is_string(v)
	not lower(v) in _negative
}

_tag_says(_, v) if {
	is_string(v)
	_marked(v)
}

# The tags (or labels) of resource config `c`, under any of the usual attribute names.
tagged(c) if {
	some attr in ["tags", "tags_all", "labels"]
	tags := c[attr]
	is_object(tags)
	some k, v in tags
	_tag_says(k, v)
}

# The resource's own name (e.g. `bucket`, `name`) says personal data: `acme-customer-pii`.
named(c, attr) if {
	name := c[attr]
	is_string(name)
	_marked(name)
}

holds(c, name_attr) if {
	_mentioned(c)
	_holds(c, name_attr)
}

_holds(c, _) if tagged(c)

_holds(c, name_attr) if named(c, name_attr)

# Every marker word contains one of these, and every tag key, tag value and name is in the
# JSON text of the config (escaping touches no letter): one cheap search rules out almost
# every resource before the per-tag regular expressions, which cost far more.
_hint := `pii|phi|gdpr|personal`

_mentioned(c) if regex.match(_hint, lower(json.marshal(c)))

# The resources among `resources` whose config holds personal data: holds() on each, after
# one search of the text of every config, which rules out at once the many documents that
# mention no personal data.
holding(resources, name_attr) := [r |
	_mentioned([r2.config | some r2 in resources])
	some r in resources
	holds(r.config, name_attr)
]

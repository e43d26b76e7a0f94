# METADATA
# title: Terraform resource-view helpers
# description: Lookups and joins over input.content.resources, and the unknown-value test.
# custom:
#   library: true
package lib.terraform

import rego.v1

# Every lookup below goes through indexes built once per evaluation (complete rules are
# cached), so a join costs a set membership test, never a scan of all resources: the cost of a
# policy stays linear in the number of resources.

_types := {r.type | some r in input.content.resources}

_by_type := {t: [r |
	some r in input.content.resources
	r.type == t
	r.mode == "managed"
] | some t in _types}

# {type: {attribute: {string values}}} of managed resources' top-level attributes.
_values := {t: {a: {v |
	some r in rs
	v := r.config[a]
	is_string(v)
} | some a in {name | some r2 in rs; some name, _ in r2.config}} |
	some t, rs in _by_type
}

# {type: {addresses}} of managed resources.
_addresses := {t: {r.address | some r in rs} | some t, rs in _by_type}

# {type: {attribute names that some resource of that type leaves unknown}}.
_unknown_attrs := {t: {a |
	some r in rs
	some a, v in r.config
	is_object(v) # is_unknown(v), inline: a call per attribute of every resource costs more
	v.__unknown__
} | some t, rs in _by_type}

# Managed resources of one type, in the order the loader gives (by address).
resources(type_name) := object.get(_by_type, type_name, [])

# The addresses of the managed resources of one type.
addresses(type_name) := object.get(_addresses, type_name, set())

# The string values of top-level attribute `attr` over the managed resources of one type.
string_values(type_name, attr) := object.get(_values, [type_name, attr], set())

# The highest major version of provider `name` that the configuration's version constraints
# allow, when they bound it: undefined without constraints, without an upper bound (Terraform
# installs the newest release) or with an unreadable one. For defaults that changed between
# major versions (e.g. azurerm 3.0).
provider_max_major(name) := m if {
	m := input.content.providers[name].max_major
	is_number(m)
}

# Some version constraint of provider `name` could not be read: defaults that depend on
# its version are unknown.
provider_version_unknown(name) if is_unknown(input.content.providers[name].max_major)

# A value static evaluation could not know (a variable without a value, a data source
# attribute, a computed attribute). Rules never report a violation on it.
is_unknown(value) if {
	is_object(value)
	value.__unknown__
}

# `value` (an attribute of another resource) points at resource `r`: by its rendered
# address, or by the literal name in `name_attr` (e.g. an S3 bucket's `bucket`).
refers_to(value, r, _) if value == r.address

refers_to(value, r, name_attr) if {
	name := r.config[name_attr]
	is_string(name)
	value == name
}

# Some resource of `type_name` whose `attr` refers to `r` (by address or by name).
referenced_by(r, type_name, attr, _) if r.address in object.get(_values, [type_name, attr], set())

referenced_by(r, type_name, attr, name_attr) if {
	name := r.config[name_attr]
	is_string(name)
	name in object.get(_values, [type_name, attr], set())
}

# Some resource of `type_name` whose `attr` cannot be resolved: it may refer to `r`.
maybe_referenced_by(type_name, attr) if attr in object.get(_unknown_attrs, type_name, set())

# The first nested block `name` of `obj` (blocks are always lists in the resource view).
block(obj, name) := obj[name][0]

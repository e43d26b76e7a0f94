# METADATA
# title: Terraform resource-view helpers
# description: Lookups and joins over input.content.resources, and the unknown-value test.
# custom:
#   library: true
package lib.terraform

import rego.v1

# Managed resources of one type, in the order the loader gives (by address).
resources(type_name) := [r |
	some r in input.content.resources
	r.type == type_name
	r.mode == "managed"
]

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

# Some resource of `type_name` whose `attr` refers to `r`.
referenced_by(r, type_name, attr, name_attr) if {
	some other in resources(type_name)
	refers_to(other.config[attr], r, name_attr)
}

# Some resource of `type_name` whose `attr` cannot be resolved: it may refer to `r`.
maybe_referenced_by(type_name, attr) if {
	some other in resources(type_name)
	is_unknown(other.config[attr])
}

# The first nested block `name` of `obj` (blocks are always lists in the resource view).
block(obj, name) := obj[name][0]

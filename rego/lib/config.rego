# METADATA
# title: Resource configuration helpers
# description: >-
#   Attribute values with the provider's documented default, HCL booleans written as strings,
#   and nested blocks (always lists in the resource view, possibly unknown).
# custom:
#   library: true
package lib.config

import data.lib.terraform
import rego.v1

# `attr` holds a value: present and not null (Terraform treats null as unset).
# An unknown value counts as set, so "attribute is absent" rules stay silent on it.
has(obj, attr) if {
	is_object(obj)
	obj[attr] != null
}

# The value of `attr`, or the provider's documented `fallback` default when it is unset.
value(obj, attr, _) := obj[attr] if has(obj, attr)

value(obj, attr, fallback) := fallback if not has(obj, attr)

# HCL converts "true"/"false" strings to booleans for bool attributes; so do we.
is_true(v) if v == true

is_true(v) if v == "true"

is_false(v) if v == false

is_false(v) if v == "false"

# A string attribute is set to something other than the empty string (or unknown).
is_set(obj, attr) if {
	has(obj, attr)
	obj[attr] != ""
}

# The nested blocks `name` of `obj`: a list, empty when there is none or it is unknown.
blocks(obj, name) := obj[name] if is_array(obj[name])

blocks(obj, name) := [] if not is_array(object.get(obj, name, null))

# The nested block `name` could not be evaluated (e.g. a dynamic block over an unknown
# collection): "block is missing" rules stay silent on it.
block_unknown(obj, name) if terraform.is_unknown(obj[name])

# Follows a path of up to three nested block names from `obj`, e.g. ["offline_store_config",
# "s3_storage_config"]: every block reached at the end (Rego has no recursion).
nested(obj, path) := [obj] if count(path) == 0

nested(obj, path) := blocks(obj, path[0]) if count(path) == 1

nested(obj, path) := [b2 |
	some b1 in blocks(obj, path[0])
	some b2 in blocks(b1, path[1])
] if count(path) == 2

nested(obj, path) := [b3 |
	some b1 in blocks(obj, path[0])
	some b2 in blocks(b1, path[1])
	some b3 in blocks(b2, path[2])
] if count(path) == 3

# Some block along `path` is unknown: what lies below it cannot be judged. One body per depth
# (as nested), each reached only when the path is that long: no numbers.range or array.slice.
path_unknown(obj, path) if block_unknown(obj, path[0])

path_unknown(obj, path) if {
	count(path) > 1
	some b in blocks(obj, path[0])
	block_unknown(b, path[1])
}

path_unknown(obj, path) if {
	count(path) > 2
	some b in nested(obj, [path[0], path[1]])
	block_unknown(b, path[2])
}

path_unknown(obj, path) if {
	count(path) > 3
	some b in nested(obj, [path[0], path[1], path[2]])
	block_unknown(b, path[3])
}

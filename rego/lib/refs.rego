# METADATA
# title: Cross-resource joins
# description: >-
#   Joins from a resource to the resources that configure it (aws_s3_bucket_versioning,
#   azurerm_storage_account_customer_managed_key, ...), by its rendered address or its
#   literal name. Joins go through sets built once per rule, never a scan per resource, so a
#   rule stays linear in the number of resources.
# custom:
#   library: true
package lib.refs

import data.lib.terraform
import rego.v1

# The values of `attr` over `resources` that can name a resource: build this once, at rule
# level, from the companion resources that count (e.g. versioning "Enabled").
targets(resources, attr) := {v | some o in resources; v := o.config[attr]; is_string(v)}

# `r` is among `targets`, by address or by the literal value of its `name_attr`.
targeted(targets, r, _) if r.address in targets

targeted(targets, r, name_attr) if {
	name := r.config[name_attr]
	is_string(name)
	name in targets
}

# The values in `targets` that name no resource of `type_name`, neither by address nor by
# the literal value of its `name_attr`: each may name a resource whose own name is unknown
# (a bucket named by a variable the scan cannot resolve, while the configuration's `bucket`
# resolved to a string). Build this once, at rule level, from the same companions as targets.
unmatched(targets, type_name, name_attr) := (targets - addresses) - names if {
	# One pass over the resources of the type, rather than terraform.addresses and
	# terraform.string_values, whose indexes cover every attribute of every type.
	rs := terraform.resources(type_name)
	addresses := {r.address | some r in rs}
	names := {v | some r in rs; v := r.config[name_attr]; is_string(v)}
}

# `r` may be the resource an unmatched target names: its own `name_attr` is unknown and some
# target names no known resource. Whether a companion covers `r` is then undecidable, and a
# rule about a missing companion stays silent on `r` (the bucket-name-unknown fallback).
maybe_targeted(unmatched, r, name_attr) if {
	count(unmatched) > 0
	terraform.is_unknown(r.config[name_attr])
}

# Some resource of `type_name` has an `attr` that cannot be resolved, so it may be the one
# that configures `r`: a rule about a missing companion resource stays silent. It scans every
# resource of the type (terraform.maybe_referenced_by's index would scan every attribute of
# every resource): call it from a rule without arguments, which is evaluated once.
unresolved(type_name, attr) if {
	some r in terraform.resources(type_name)
	v := r.config[attr]
	is_object(v) # terraform.is_unknown, inline: a function call per resource costs more
	v.__unknown__
}

# The address of the data source that `value` (an attribute of resource `r`) reads: the
# rendered reference itself, or, when the loader left the reference unevaluated, the data
# source named at the start of its expression (with r's module prefix). The data source's
# own arguments are static configuration that rules may read.
data_source(r, value) := value if {
	is_string(value)
	startswith(value, "data.")
}

data_source(r, value) := address if {
	terraform.is_unknown(value)
	parts := regex.find_all_string_submatch_n(`^(data\.[a-z0-9_]+\.[A-Za-z0-9_-]+)\.[a-z_]+$`, value.__unknown__, 1)
	address := _in_module(r, parts[0][1])
}

_in_module(r, address) := address if object.get(r, "module", "") == ""

_in_module(r, address) := concat(".", [r.module, address]) if object.get(r, "module", "") != ""

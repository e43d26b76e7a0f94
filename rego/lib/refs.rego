# METADATA
# title: Cross-resource joins
# description: >-
#   The resources that point at a given resource (by its rendered address or its literal
#   name), for settings that live in a resource of their own (aws_s3_bucket_versioning,
#   azurerm_storage_account_customer_managed_key, ...).
# custom:
#   library: true
package lib.refs

import data.lib.terraform
import rego.v1

# Every managed resource of `type_name` whose `attr` refers to `r` (by address, or by the
# literal value of r's `name_attr`), in address order.
referencing(r, type_name, attr, name_attr) := [other |
	some other in terraform.resources(type_name)
	terraform.refers_to(other.config[attr], r, name_attr)
]

# Some resource of `type_name` has an `attr` that cannot be resolved, so it may be the one
# that configures `r`: a rule about a missing companion resource stays silent.
unresolved(type_name, attr) if terraform.maybe_referenced_by(type_name, attr)

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

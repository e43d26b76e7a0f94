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

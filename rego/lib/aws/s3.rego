# METADATA
# title: S3 bucket joins
# description: >-
#   The buckets of the resource view and which of them a set of bucket references (the
#   `bucket` of companion resources: encryption, versioning, logging, access blocks) names,
#   built once per document and shared by every S3 rule.
# custom:
#   library: true
package lib.aws.s3

import data.lib.terraform
import rego.v1

# The managed aws_s3_bucket resources; rules name a bucket by its index in this list.
# Every rule of this package is computed as soon as a rule reads one of them (an imported
# package is evaluated whole): each is one cheap pass over the buckets.
buckets := terraform.resources("aws_s3_bucket")

_addresses := {b.address | some b in buckets}

_names := {name | some b in buckets; name := b.config.bucket; is_string(name)}

# The indexes of the buckets that `targets` (bucket references: addresses or literal names)
# names: refs.targeted over every bucket at once, a rule then joins each bucket with a set
# lookup instead of a call. Indexes, not addresses: two buckets can share an address (a
# duplicate declaration, reported as a scan error), and each is judged alone. A pass is
# skipped when no target is an address (or a name) of a bucket.
named(targets) := {i |
	count(targets & _addresses) > 0
	some i, b in buckets
	b.address in targets
} | {i |
	count(targets & _names) > 0
	some i, b in buckets
	name := b.config.bucket
	name in targets
	is_string(name)
}

# The indexes of the buckets that `targets` may name: when some target names no known bucket
# (refs.unmatched), each bucket whose own name is unknown may be the one it names
# (refs.maybe_targeted over every bucket at once).
maybe_named(targets) := {i |
	count((targets - _addresses) - _names) > 0
	some i, b in buckets
	name := b.config.bucket
	is_object(name) # terraform.is_unknown, inline: a call per bucket costs more
	name.__unknown__
}

# METADATA
# title: Finding constructors
# description: Every deny result is built here, so the location fields are always the same.
# custom:
#   library: true
package lib.result

import rego.v1

# A finding on a Terraform resource: located and fingerprinted by its address.
resource(msg, r) := {"msg": msg, "address": r.address}

# A finding on an element of a YAML or JSON document, e.g. ["jobs", "build", "steps", 0].
element(msg, pointer) := {"msg": msg, "pointer": pointer}

# The same finding at a severity other than its rule's, for a reason the finding carries
# (e.g. a setting left at a default that is safe on most accounts).
with_severity(res, severity, reason) := object.union(res, {"severity": severity, "severity_reason": reason})

# METADATA
# title: AWS KMS key helpers
# description: Whether a KMS key attribute names a customer-managed key.
# custom:
#   library: true
package lib.aws.kms

import data.lib.config
import rego.v1

# `alias/aws/<service>` (alone or in an alias ARN) is the AWS-managed key of a service:
# no key policy of the customer's own controls it.
aws_managed(key) if {
	is_string(key)
	regex.match(`(^|:)alias/aws/`, key)
}

# `attr` of `obj` holds a customer-managed key (or a value that cannot be known).
customer_managed(obj, attr) if {
	config.is_set(obj, attr)
	not aws_managed(obj[attr])
}

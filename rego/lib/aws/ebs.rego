# METADATA
# title: AWS EBS helpers
# description: Account-level EBS encryption by default, declared in the same configuration.
# custom:
#   library: true
package lib.aws.ebs

import data.lib.config
import data.lib.terraform
import rego.v1

# An aws_ebs_encryption_by_default that is (or may be) enabled: every new volume of the
# account and region is encrypted, whatever the volume's own `encrypted` says.
encrypted_by_default if {
	some d in terraform.resources("aws_ebs_encryption_by_default")
	not config.is_false(config.value(d.config, "enabled", true))
}

# METADATA
# title: Azure network access helpers
# description: >-
#   Whether a resource with a public endpoint is reachable from any network: public network
#   access on (the azurerm default) and no network rule set that denies by default.
# custom:
#   library: true
package lib.azure.network

import data.lib.config
import data.lib.refs
import rego.v1

# `r` accepts traffic from any network. `acl_block` is the inline rule block
# (network_rules, network_acls); `acl_type`/`acl_attr` a separate rules resource and the
# attribute that refers back to `r` ("" when there is none).
open_to_all(r, acl_block, acl_type, acl_attr) if {
	config.is_true(config.value(r.config, "public_network_access_enabled", true))
	not _deny_by_default(r, acl_block, acl_type, acl_attr)
}

_deny_by_default(r, acl_block, _, _) if {
	some b in config.blocks(r.config, acl_block)
	not _allows(b)
}

_deny_by_default(r, acl_block, _, _) if config.block_unknown(r.config, acl_block)

_deny_by_default(r, _, acl_type, acl_attr) if {
	acl_type != ""
	some rules in refs.referencing(r, acl_type, acl_attr, "name")
	not _allows(rules.config)
}

_deny_by_default(_, _, acl_type, acl_attr) if {
	acl_type != ""
	refs.unresolved(acl_type, acl_attr)
}

# Only an explicit "Allow" opens the network; unknown or "Deny" does not.
_allows(b) if b.default_action == "Allow"

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

# `r` accepts traffic from any network. `acl_block` is its inline rule block (network_rules,
# network_acls); `denying` the join targets of separate rule resources that deny by default
# (see denying_targets; the empty set when the type has none).
open_to_all(r, acl_block, denying) if {
	config.is_true(config.value(r.config, "public_network_access_enabled", true))
	not _inline_deny(r, acl_block)
	not refs.targeted(denying, r, "name")
}

# The values of `attr` of the rule resources among `rules` that deny by default: build once
# per rule and pass to open_to_all.
denying_targets(rules, attr) := refs.targets([x | some x in rules; not _allows(x.config)], attr)

_inline_deny(r, acl_block) if {
	some b in config.blocks(r.config, acl_block)
	not _allows(b)
}

_inline_deny(r, acl_block) if config.block_unknown(r.config, acl_block)

# Only an explicit "Allow" opens the network; unknown or "Deny" does not.
_allows(b) if b.default_action == "Allow"

# METADATA
# title: Unity Catalog grants data or storage rights to every user
# description: >-
#   A databricks_grants grant block or a databricks_grant gives "account users" (or the
#   workspace group "users") more than the right to browse: write or manage rights on a
#   catalog, schema, table, volume or model, or any file access on an external location or
#   storage credential (which bypasses table permissions). Every identity in the account can
#   then read or change the training data, features or registered models. Read-only or
#   create-only rights on catalogs, schemas and tables are reported at medium.
# custom:
#   id: MLC-DATABRICKS-UNITYCATALOG-001
#   severity: high
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0036, AML.T0035]
#   remediation: >-
#     Grant to a named group (e.g. "ml-engineers"); give "account users" at most USE_CATALOG /
#     USE_SCHEMA / BROWSE, and read access on curated tables only.
#   input_kinds: [terraform]
#   references:
#     - https://docs.databricks.com/en/data-governance/unity-catalog/manage-privileges/privileges.html
#     - https://registry.terraform.io/providers/databricks/databricks/latest/docs/resources/grants
package mlcomply.databricks.unitycatalog.broad_grants

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_broad := {"account users", "users"}

# Rights that only let a user see that an object exists or reach objects below it (USAGE is
# the name of USE_CATALOG / USE_SCHEMA before Unity Catalog 1.0).
_harmless := {"USE_CATALOG", "USE_SCHEMA", "BROWSE", "USE_CONNECTION", "USE_PROVIDER", "USE_RECIPIENT", "USE_SHARE", "USAGE"}

# Read rights, and rights to create new objects (which neither read nor change anyone
# else's): reported at medium on catalogs, schemas and tables, where a curated read grant or
# a sandbox open to everyone is a common choice.
_read := {"SELECT", "READ_FILES", "READ_VOLUME", "EXECUTE"}

_mild(p) if p in _read

_mild(p) if {
	startswith(p, "CREATE")
	p != "CREATE_EXTERNAL_TABLE"
	p != "CREATE_EXTERNAL_VOLUME"
	p != "CREATE_MANAGED_STORAGE"
}

# Securables whose file rights bypass table permissions: any right beyond browsing is high.
_storage := {"external_location", "storage_credential", "credential"}

_securable(r) := s if {
	some s in ["catalog", "schema", "table", "volume", "model", "function", "external_location", "storage_credential", "credential", "metastore", "share"]
	config.has(r.config, s)
}

# [principal, privileges] of grant resources of both kinds.
_pairs(r) := [[g.principal, g.privileges] | some g in config.blocks(r.config, "grant")] if r.type == "databricks_grants"

_pairs(r) := [[r.config.principal, r.config.privileges]] if r.type == "databricks_grant"

_reason := "read-only or create-only rights on a table, schema or catalog: a curated read grant or a sandbox open to every user is a common choice"

deny contains res if {
	some type_name in ["databricks_grants", "databricks_grant"]
	some r in terraform.resources(type_name)
	some [principal, privileges] in _pairs(r)
	principal in _broad
	is_array(privileges)
	rights := sort([p | some p in privileges; is_string(p); not p in _harmless])
	count(rights) > 0
	securable := object.get({"s": _securable(r)}, "s", "securable")
	msg := sprintf("%s grants %s to %q on the %s", [r.address, concat(", ", rights), principal, replace(securable, "_", " ")])
	res := _severity(result.resource(msg, r), rights, securable)
}

_severity(res, rights, securable) := result.with_severity(res, "medium", _reason) if {
	not securable in _storage
	every p in rights {
		_mild(p)
	}
}

_severity(res, rights, securable) := res if {
	some p in rights
	not _mild(p)
}

_severity(res, _, securable) := res if securable in _storage

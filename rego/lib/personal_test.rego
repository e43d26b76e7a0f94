package lib.personal_test

import data.lib.personal
import rego.v1

test_tags_and_names_mark_personal_data if {
	personal.holds({"tags": {"pii": "true"}}, "bucket")
	personal.holds({"tags": {"data_classification": "PII"}}, "bucket")
	personal.holds({"labels": {"contains-personal-data": "yes"}}, "name")
	personal.holds({"bucket": "acme-customer-pii"}, "bucket")
	personal.holds({"name": "gdpr_subjects"}, "name")
}

test_negatives_and_other_words_do_not if {
	not personal.holds({"tags": {"pii": "false"}}, "bucket")
	not personal.holds({"tags": {"team": "pipelines"}}, "bucket")
	not personal.holds({"bucket": "acme-shipping-logs"}, "bucket")
	not personal.holds({"bucket": "philosophy-texts"}, "bucket")
	not personal.holds({"tags": {"__unknown__": "var.tags"}}, "bucket")
}

# The cheap search of the config's JSON text rules nothing out that a tag or name marks, in
# any case, and a word elsewhere in the config (not a tag or the name) marks nothing.
test_search_before_the_expressions_is_exact if {
	personal.holds({"tags": {"Data": "Customer-PII"}, "policy": "{}"}, "bucket")
	personal.holds({"tags_all": {"GDPR": "yes"}}, "bucket")
	personal.holds({"bucket": "acme-Personal_Data"}, "bucket")
	not personal.holds({"bucket": "x", "description": "pii"}, "bucket")
	not personal.holds({"bucket": "x", "tags": {"pii": "no"}, "acl": "private"}, "bucket")
}

test_holding_keeps_the_marked_resources_in_order if {
	rs := [
		{"address": "a", "config": {"bucket": "logs"}},
		{"address": "b", "config": {"bucket": "x", "tags": {"pii": "true"}}},
		{"address": "c", "config": {"bucket": "customer-pii"}},
		{"address": "d", "config": {"bucket": "x", "tags": {"pii": "false"}}},
	]
	[r.address | some r in personal.holding(rs, "bucket")] == ["b", "c"]
	personal.holding([rs[0], rs[3]], "bucket") == []
	personal.holding([], "bucket") == []
}

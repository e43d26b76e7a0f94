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

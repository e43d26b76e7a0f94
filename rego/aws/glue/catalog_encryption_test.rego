package mlcomply.aws.glue.catalog_encryption_test

import data.mlcomply.aws.glue.catalog_encryption as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_disabled_denied if {
	_denied([_r("aws_glue_data_catalog_encryption_settings", {"data_catalog_encryption_settings": [{"encryption_at_rest": [{"catalog_encryption_mode": "DISABLED"}], "connection_password_encryption": [{"return_connection_password_encrypted": true}]}]})]) == {"aws_glue_data_catalog_encryption_settings.t"}
	_denied([_r("aws_glue_data_catalog_encryption_settings", {"data_catalog_encryption_settings": [{"encryption_at_rest": [{"catalog_encryption_mode": "SSE-KMS"}], "connection_password_encryption": [{"return_connection_password_encrypted": false}]}]})]) == {"aws_glue_data_catalog_encryption_settings.t"}
}

test_encrypted_passes if {
	_denied([_r("aws_glue_data_catalog_encryption_settings", {"data_catalog_encryption_settings": [{"encryption_at_rest": [{"catalog_encryption_mode": "SSE-KMS", "sse_aws_kms_key_id": "k"}], "connection_password_encryption": [{"return_connection_password_encrypted": true, "aws_kms_key_id": "k"}]}]})]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_glue_data_catalog_encryption_settings", {"data_catalog_encryption_settings": [{"encryption_at_rest": [{"catalog_encryption_mode": {"__unknown__": "var.m"}}], "connection_password_encryption": [{"return_connection_password_encrypted": {"__unknown__": "var.c"}}]}]})]) == set()
}

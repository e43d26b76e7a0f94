package mlcomply.aws.kinesis.encryption_test

import data.mlcomply.aws.kinesis.encryption as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_none_denied if {
	_denied([_r("aws_kinesis_stream", {"shard_count": 1})]) == {"aws_kinesis_stream.t"}
}

test_kms_passes if {
	_denied([_r("aws_kinesis_stream", {"encryption_type": "KMS", "kms_key_id": "alias/aws/kinesis"})]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_kinesis_stream", {"encryption_type": {"__unknown__": "var.enc"}})]) == set()
}

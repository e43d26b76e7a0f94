package mlcomply.aws.iam.wildcard_resource_test

import data.mlcomply.aws.iam.wildcard_resource as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_write_on_star_denied if {
	_denied([_r("aws_iam_role_policy", {"policy": `{"Statement":[{"Effect":"Allow","Action":["s3:PutObject"],"Resource":"*"}]}`})]) == {"aws_iam_role_policy.t"}
	_denied([_r("aws_iam_policy", {"policy": `{"Statement":[{"Effect":"Allow","Action":"sagemaker:*","Resource":["*"]}]}`})]) == {"aws_iam_policy.t"}
}

test_secret_reads_on_star_denied if {
	_denied([_r("aws_iam_policy", {"policy": `{"Statement":[{"Effect":"Allow","Action":["secretsmanager:GetSecretValue"],"Resource":"*"}]}`})]) == {"aws_iam_policy.t"}
	_denied([_r("aws_iam_policy", {"policy": `{"Statement":[{"Effect":"Allow","Action":["s3:Get*"],"Resource":"*"}]}`})]) == {"aws_iam_policy.t"}
}

test_reads_scoped_or_conditional_pass if {
	_denied([_r("aws_iam_policy", {"policy": `{"Statement":[{"Effect":"Allow","Action":["ec2:Describe*","s3:ListAllMyBuckets"],"Resource":"*"}]}`})]) == set()
	_denied([_r("aws_iam_policy", {"policy": `{"Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"}]}`})]) == set()
	_denied([_r("aws_iam_policy", {"policy": `{"Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"s3.eu-west-1.amazonaws.com"}}}]}`})]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_iam_policy", {"policy": {"__unknown__": "data.template_file.p.rendered"}})]) == set()
}

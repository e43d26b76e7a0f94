package lib.aws.kms_test

import data.lib.aws.kms
import rego.v1

test_aws_managed_aliases if {
	kms.aws_managed("alias/aws/s3")
	kms.aws_managed("arn:aws:kms:us-east-1:111122223333:alias/aws/sagemaker")
	not kms.aws_managed("alias/awsome")
	not kms.aws_managed("aws_kms_key.k")
}

test_customer_managed if {
	kms.customer_managed({"k": "aws_kms_key.k"}, "k")
	kms.customer_managed({"k": {"__unknown__": "var.k"}}, "k")
	not kms.customer_managed({"k": "alias/aws/s3"}, "k")
	not kms.customer_managed({"k": ""}, "k")
	not kms.customer_managed({}, "k")
}

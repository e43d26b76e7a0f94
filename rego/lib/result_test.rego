package lib.result_test

import data.lib.result
import rego.v1

test_resource_finding_carries_the_address if {
	result.resource("m", {"address": "aws_s3_bucket.a", "type": "aws_s3_bucket"}) == {"msg": "m", "address": "aws_s3_bucket.a"}
}

test_element_finding_carries_the_pointer if {
	result.element("m", ["jobs", "build", 0]) == {"msg": "m", "pointer": ["jobs", "build", 0]}
}

test_with_severity_adds_severity_and_reason if {
	result.with_severity(result.element("m", ["jobs"]), "low", "why") == {"msg": "m", "pointer": ["jobs"], "severity": "low", "severity_reason": "why"}
}

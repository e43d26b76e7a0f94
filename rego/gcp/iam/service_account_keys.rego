# METADATA
# title: Service account key created in Terraform
# description: >-
#   A google_service_account_key resource creates a long-lived key for a service account: the
#   private key lands in the Terraform state (and usually in a CI secret or a notebook),
#   does not expire by default, and works from anywhere until someone deletes it.
# custom:
#   id: MLC-GCP-IAM-003
#   severity: medium
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0055]
#   remediation: >-
#     Use Workload Identity (GKE), Workload Identity Federation (CI, other clouds) or service
#     account impersonation instead of keys; enforce iam.disableServiceAccountKeyCreation.
#   input_kinds: [terraform]
#   references:
#     - https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys
#     - https://cloud.google.com/iam/docs/workload-identity-federation
package mlcomply.gcp.iam.service_account_keys

import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some k in terraform.resources("google_service_account_key")
	res := result.resource(sprintf("%s creates a long-lived service account key", [k.address]), k)
}

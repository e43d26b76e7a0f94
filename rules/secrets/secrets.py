"""Secrets committed to the repository: one rule per provider family, so a suppression or a
skip names exactly the kind of credential it is about. Detection lives in scanner/secrets/."""

from __future__ import annotations

from scanner.secrets.rule import SecretRule

_ROTATE = (
    "Revoke or rotate the credential at the provider first (it is compromised once pushed, even if "
    "the commit is later removed), then load it at run time from the environment or a secret "
    "manager. If the value is a deliberate test fixture, mark it with "
    "`mlcomply:allow secrets <reason>` in a comment on the line or the line above."
)


class AwsCredential(SecretRule):
    family = "aws"
    id = "MLC-SECRET-AWS-001"
    atlas = ("AML.T0012", "AML.T0055")
    title = "AWS access key or secret key in the repository"
    severity = "critical"
    description = (
        "An AWS access key ID (AKIA/ASIA…), a secret access key (labelled, or 40 random characters "
        "within five lines of a key ID) or an Amazon Bedrock API key is committed. Training data "
        "buckets, SageMaker endpoints and model registries are one leaked key away."
    )
    remediation = "Deactivate the key in IAM. " + _ROTATE
    references = ("https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",)


class GcpCredential(SecretRule):
    family = "gcp"
    id = "MLC-SECRET-GCP-001"
    atlas = ("AML.T0012", "AML.T0055")
    title = "Google Cloud API key or service account key in the repository"
    severity = "critical"
    description = (
        "A Google API key (AIza…), an OAuth client secret (GOCSPX-…) or a service account key file "
        "(a service account JSON with its private key) is committed."
    )
    remediation = "Delete the key in the Google Cloud console and use workload identity. " + _ROTATE
    references = ("https://cloud.google.com/docs/authentication/api-keys",)


class AzureCredential(SecretRule):
    family = "azure"
    id = "MLC-SECRET-AZURE-001"
    atlas = ("AML.T0012", "AML.T0055")
    title = "Azure storage key, SAS token or Entra ID client secret in the repository"
    severity = "critical"
    description = (
        "An Azure storage account key or connection string, a shared access signature, a Service "
        "Bus / Event Hubs shared access key or an Entra ID (Azure AD) client secret is committed."
    )
    remediation = "Regenerate the key or secret in the Azure portal; prefer managed identities. " + _ROTATE
    references = ("https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage",)


class GithubToken(SecretRule):
    family = "github"
    id = "MLC-SECRET-GITHUB-001"
    atlas = ("AML.T0012", "AML.T0055", "AML.T0091.000")
    title = "GitHub token in the repository"
    severity = "critical"
    description = (
        "A GitHub personal access token (classic or fine-grained), OAuth, App or refresh token is "
        "committed. Classic-format tokens are confirmed by their built-in CRC32 checksum."
    )
    remediation = "Revoke the token in GitHub settings. " + _ROTATE
    references = ("https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/",)


class GitlabToken(SecretRule):
    family = "gitlab"
    id = "MLC-SECRET-GITLAB-001"
    atlas = ("AML.T0012", "AML.T0055", "AML.T0091.000")
    title = "GitLab token in the repository"
    severity = "critical"
    description = "A GitLab personal, deploy, runner, trigger, CI job, feed, SCIM, agent or OAuth token is committed."
    remediation = "Revoke the token in GitLab. " + _ROTATE
    references = ("https://docs.gitlab.com/ee/security/tokens/",)


class SlackToken(SecretRule):
    family = "slack"
    id = "MLC-SECRET-SLACK-001"
    atlas = ("AML.T0012", "AML.T0055", "AML.T0091.000")
    title = "Slack token or webhook URL in the repository"
    severity = "high"
    description = "A Slack bot, user, app-level or configuration token, or an incoming webhook URL, is committed."
    remediation = "Revoke the token or regenerate the webhook in the Slack app settings. " + _ROTATE
    references = ("https://api.slack.com/authentication/token-types",)


class HuggingFaceToken(SecretRule):
    family = "huggingface"
    id = "MLC-SECRET-HUGGINGFACE-001"
    atlas = ("AML.T0012", "AML.T0055", "AML.T0091.000")
    title = "Hugging Face token in the repository"
    severity = "critical"
    description = (
        "A Hugging Face user access token (hf_…) or organization token (api_org_…) is committed — "
        "often in a notebook cell or its output after `huggingface-cli login`. It can read gated "
        "models and private datasets and, with write scope, replace published model weights."
    )
    remediation = "Invalidate the token at huggingface.co/settings/tokens. " + _ROTATE
    references = ("https://huggingface.co/docs/hub/security-tokens",)


class OpenAiKey(SecretRule):
    family = "openai"
    id = "MLC-SECRET-OPENAI-001"
    atlas = ("AML.T0012", "AML.T0055")
    title = "OpenAI API key in the repository"
    severity = "critical"
    description = "An OpenAI user, project, service account or admin API key is committed."
    remediation = "Revoke the key at platform.openai.com/api-keys. " + _ROTATE
    references = ("https://help.openai.com/en/articles/5112595-best-practices-for-api-key-safety",)


class AnthropicKey(SecretRule):
    family = "anthropic"
    id = "MLC-SECRET-ANTHROPIC-001"
    atlas = ("AML.T0012", "AML.T0055")
    title = "Anthropic API key in the repository"
    severity = "critical"
    description = "An Anthropic API key (sk-ant-api03-…) or Admin API key (sk-ant-admin01-…) is committed."
    remediation = "Disable the key in the Anthropic Console. " + _ROTATE
    references = ("https://docs.anthropic.com/en/api/getting-started",)


class AiPlatformToken(SecretRule):
    family = "aiplatform"
    id = "MLC-SECRET-AIPLATFORM-001"
    atlas = ("AML.T0012", "AML.T0055")
    title = "ML platform API key in the repository"
    severity = "high"
    description = (
        "An API key for an ML or AI platform is committed: Cohere, Replicate, Weights & Biases, "
        "Databricks, Groq, Perplexity, LangSmith or NVIDIA."
    )
    remediation = "Revoke the key in the platform's settings. " + _ROTATE
    references = ("https://docs.wandb.ai/guides/track/environment-variables",)


class RegistryToken(SecretRule):
    family = "registry"
    id = "MLC-SECRET-REGISTRY-001"
    atlas = ("AML.T0012", "AML.T0055")
    title = "Package registry token in the repository"
    severity = "critical"
    description = (
        "A token that can publish packages or images is committed: npm, PyPI, Docker Hub, "
        "RubyGems, NuGet or Bundler source credentials. A leaked publish token is a supply-chain "
        "compromise of everything that installs the package."
    )
    remediation = "Revoke the token at the registry and prefer trusted publishing (OIDC). " + _ROTATE
    references = ("https://docs.pypi.org/trusted-publishers/",)


class DevToolToken(SecretRule):
    family = "devops"
    id = "MLC-SECRET-DEVTOOLS-001"
    atlas = ("AML.T0012", "AML.T0055")
    title = "Developer or infrastructure tool token in the repository"
    severity = "high"
    description = (
        "A token for infrastructure or developer tooling is committed: Terraform Cloud, Vault, "
        "Pulumi, Doppler, DigitalOcean, Heroku, Fly.io, Grafana, Sentry, Atlassian, 1Password, "
        "Infracost, SonarQube, Sourcegraph, OpenShift, Scalingo, New Relic, Postman, Linear, age, "
        "Prefect or Sumo Logic."
    )
    remediation = "Revoke the token in the tool's settings. " + _ROTATE
    references = ("https://developer.hashicorp.com/vault/docs/concepts/tokens",)


class SaasToken(SecretRule):
    family = "saas"
    id = "MLC-SECRET-SAAS-001"
    atlas = ("AML.T0012", "AML.T0055")
    title = "Payment, messaging or SaaS API key in the repository"
    severity = "high"
    description = (
        "An API key or webhook for a SaaS service is committed: Stripe, SendGrid, Mailchimp, "
        "Mailgun, Twilio, Shopify, Square, Notion, Meta/Facebook, Telegram, Discord or Teams."
    )
    remediation = "Roll the key or webhook in the service's dashboard. " + _ROTATE
    references = ("https://docs.stripe.com/keys",)


class JsonWebToken(SecretRule):
    family = "jwt"
    id = "MLC-SECRET-JWT-001"
    atlas = ("AML.T0055", "AML.T0091.000")
    title = "JSON Web Token in the repository"
    severity = "medium"
    description = (
        "A signed JSON Web Token is committed. Many are short-lived, but service-account and "
        "API-gateway tokens often never expire and grant the bearer full access."
    )
    remediation = "Revoke the token or rotate its signing key if it has no short expiry. " + _ROTATE
    references = ("https://datatracker.ietf.org/doc/html/rfc7519",)


class PrivateKey(SecretRule):
    family = "privatekey"
    id = "MLC-SECRET-PRIVATEKEY-001"
    atlas = ("AML.T0012", "AML.T0055")
    title = "Private key in the repository"
    severity = "critical"
    description = "A PEM, OpenSSH or PGP private key block is committed."
    remediation = "Replace the key pair and revoke any certificate issued for it. " + _ROTATE
    references = ("https://datatracker.ietf.org/doc/html/rfc7468",)


class ConnectionStringPassword(SecretRule):
    family = "uri"
    id = "MLC-SECRET-URI-001"
    atlas = ("AML.T0012", "AML.T0055")
    title = "Password embedded in a connection string or URL"
    severity = "high"
    description = (
        "A URI carries a password (`scheme://user:password@host`): database connection strings "
        "(PostgreSQL, MySQL, MongoDB, Redis, Snowflake, …), message brokers, or HTTP URLs."
    )
    remediation = "Change the password and build the URI from an environment variable at run time. " + _ROTATE
    references = ("https://datatracker.ietf.org/doc/html/rfc3986#section-3.2.1",)


class GenericCredential(SecretRule):
    family = "generic"
    id = "MLC-SECRET-GENERIC-001"
    atlas = ("AML.T0012", "AML.T0055")
    title = "Hard-coded password, token or API key"
    severity = "high"
    description = (
        "A literal value is assigned to a credential-named setting (`password = ...`, `api_key:`, "
        "`client_secret=`), passed in an Authorization header or `curl -u`, or set on a Terraform "
        "resource attribute. Placeholders, templates (`${...}`, `{{ }}`, `${{ secrets.X }}`), "
        "environment references, hashes, UUIDs under id-like names and documented example keys "
        "are not reported, nor values shaped like a name (paths, URLs, header and env-var names, "
        "state-dict keys, versions, booleans). Kubernetes env items (`- name: DB_PASSWORD` with a "
        "literal `value:`) and Airflow DAGs are read like any file: this rule replaces "
        "MLC-K8S-SECRET-001 and MLC-AIRFLOW-001, whose ids are its aliases. In test fixtures, "
        "examples, templates, docs, vendored code and local docker-compose files a finding is "
        "reported at low, with the reason."
    )
    aliases = ("MLC-K8S-SECRET-001", "MLC-AIRFLOW-001")
    remediation = _ROTATE
    references = ("https://cwe.mitre.org/data/definitions/798.html",)


RULES = [
    AwsCredential,
    GcpCredential,
    AzureCredential,
    GithubToken,
    GitlabToken,
    SlackToken,
    HuggingFaceToken,
    OpenAiKey,
    AnthropicKey,
    AiPlatformToken,
    RegistryToken,
    DevToolToken,
    SaasToken,
    JsonWebToken,
    PrivateKey,
    ConnectionStringPassword,
    GenericCredential,
]

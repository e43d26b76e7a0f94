"""What a whole variable name says, beyond its last word: a credential word followed only by
words that describe the literal (`mySecretString`, `todo_secret_do_not_commit`), and a provider
named in it (`AZURE_OPENAI_KEY`, `KAGGLE_KEY`), which says the value is that provider's key even
when it is 32 or 40 hex digits (the shape of Kaggle, W&B and Azure OpenAI keys, and of digests)."""

from __future__ import annotations

_CREDENTIAL_WORDS = frozenset(
    {"password", "passwd", "passphrase", "secret", "apikey", "token", "credential", "credentials", "creds"}
)
_PASSWORD_WORDS = frozenset({"password", "passwd", "passphrase"})
# Words after the credential word that still leave the name holding the credential itself; any
# other tail (`secret_name`, `token_path`, `password_field`) names something about it instead.
_LITERAL_TAIL = frozenset(
    {
        "string",
        "str",
        "value",
        "val",
        "text",
        "raw",
        "plain",
        "plaintext",
        "bytes",
        "b64",
        "base64",
        "hex",
        "encoded",
        "do",
        "not",
        "dont",
        "never",
        "commit",
        "prod",
        "production",
        "live",
        "staging",
    }
)
# Providers whose keys ML code holds; in a name with a key word they mark the value as that key.
PROVIDERS = frozenset(
    {
        "openai",
        "azure",
        "anthropic",
        "claude",
        "huggingface",
        "hf",
        "wandb",
        "comet",
        "cohere",
        "replicate",
        "mistral",
        "together",
        "pinecone",
        "databricks",
        "kaggle",
        "langsmith",
        "langchain",
        "deepseek",
        "dashscope",
        "openrouter",
        "groq",
        "gemini",
        "google",
        "neptune",
        "clearml",
        "mlflow",
        "qdrant",
        "weaviate",
        "voyage",
        "perplexity",
        "fireworks",
        "anyscale",
        "elevenlabs",
        "stability",
        "serpapi",
        "tavily",
    }
)
_KEY_WORDS = frozenset({"key", "token", "secret", "apikey"})


def compound_strength(words: list[str]) -> str | None:
    """Lowercase words of a name whose last word is no credential word: 'password', 'strong' or
    None. The last credential word counts only if every word after it describes the literal."""
    for i in range(len(words) - 2, -1, -1):
        if words[i] in _CREDENTIAL_WORDS:
            if all(w in _LITERAL_TAIL for w in words[i + 1 :]):
                return "password" if words[i] in _PASSWORD_WORDS else "strong"
            return None
    return None


def names_provider(words: list[str]) -> bool:
    """`<provider>_..._key`: a key word last and a provider among the words before it."""
    return len(words) > 1 and words[-1] in _KEY_WORDS and not PROVIDERS.isdisjoint(words[:-1])

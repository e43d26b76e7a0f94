"""Assignment forms across languages (assignments.py and the name rules in namewords.py): each
form with a credential, and its twin that must stay quiet."""

from __future__ import annotations

import pytest

from scanner.secrets.detect import detect

K = "b7Qz9vX2mK4pL8wR3tY6nJ1hF5cD0sAe"  # random-looking, fake
HEX40 = "eedf1c984f6b995ec40ecc6658356044847ffb31"
HEX32 = "0f3a9c2b7d4e8f1a6b5c3d2e9f8a7b6c"


@pytest.mark.parametrize(
    ("path", "text", "secret"),
    [
        ("a.py", f'os.environ["WANDB_API_KEY"] = "{HEX40}"', HEX40),
        ("a.py", f"os.environ['MISTRAL_API_KEY'] = '{K}'", K),
        ("a.py", f'config["api_key"] = "{K}"', K),
        ("app.py", f'st.secrets["openai_key"] = "{K}"', K),
        ("a.py", f'openai.api_key = "{K}"', K),
        ("a.py", f'huggingface_hub.login("{K}")', K),
        ("a.py", f'co = cohere.Client("{K}")', K),
        ("a.py", f'co = cohere.ClientV2(\n    "{K}",\n)', K),
        ("a.py", f'pc = Pinecone(api_key="{K}")', K),
        ("a.py", f'if token == "{K}":', K),
        ("a.js", f'if (req.headers.apiKey !== "{K}") {{', K),
        ("a.py", f'mySecretString = "{K}"', K),
        ("a.py", f'todo_secret_do_not_commit = "{K}"', K),
        ("a.py", 'password = "ab\\"cd3f!23"', 'ab\\"cd3f!23'),
        ("deploy.ps1", "Connect-VIServer -Server vc01 -User admin@vsphere.local -Password Vw7!qTz2", "Vw7!qTz2"),
        ("run.sh", "mlflow-admin create-user --name ci --password=Qz8rT2wLk9", "Qz8rT2wLk9"),
        ("deploy.bat", "PsExec.exe \\\\build01 -u CORP\\svc -p Tr4in!ng9 cmd /c run.bat", "Tr4in!ng9"),
        ("a.js", "const password = `hunt'er2x`;", "hunt'er2x"),
        ("a.py", f'AZURE_OPENAI_KEY = "{HEX32}"', HEX32),
        ("a.py", f'KAGGLE_KEY = "{HEX32}"', HEX32),
        ("a.cs", f'var c = new NetworkCredential("svc-user", "{K}");', K),
        ("Web.config", f'<add key="StorageSecret" value="{K}" />', K),
        ("settings.xml", "<server>\n  <id>nexus</id>\n  <password>Zq8Lr2Vx9Pm4</password>\n</server>", "Zq8Lr2Vx9Pm4"),
        ("config.xml", f"<apiToken>{K}</apiToken>", K),
        ("app/build.gradle", f'buildConfigField "String", "API_KEY", "\\"{K}\\""', K),
        ("build.gradle.kts", f'buildConfigField("String", "MAPS_API_KEY", "\\"{K}\\"")', K),
        ("run.sh", f"export OPENAI_API_KEY={K}", K),
        ("Dockerfile", f"ENV API_KEY {K}", K),
        ("Dockerfile", f"ARG API_SECRET={K}", K),
        ("deploy.yaml", f'env:\n  - name: API_KEY\n    value: "{K}"\n', K),
        ("chart/templates/d.yaml", f"env:\n- name: HF_TOKEN\n  value: {K}\n", K),
        ("docker-compose.yml", f"environment:\n  - WANDB_API_KEY={HEX40}\n", HEX40),
        ("README.md", f'curl -H "X-Api-Key: {K}" https://api.example.org', K),
        ("README.md", f"curl --header 'Private-Token: {K}' https://gitlab.example.org", K),
        ("resources.py", f'class Db(ConfigurableResource):\n    password: SecretStr = "{K}"\n', K),
        ("resources.py", f'class Api(Config):\n    api_token: Optional[str] = "{K}"\n', K),
        ("resources.py", f'    secret: str | None = "{K}"\n', K),
        ("resources.py", f'class Db(BaseModel):\n    dsn_pw: SecretStr = SecretStr("{K}")\n', K),
        ("flows.py", f'Secret(value="{K}").save("db-password")', K),
        ("flows.ipynb", f'SecretStr("{K}")', K),
    ],
)
def test_form_is_found(path: str, text: str, secret: str) -> None:
    assert secret in [d.secret for d in detect(text, path)]


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("a.py", 'os.environ["WANDB_API_KEY"] = os.environ["OTHER"]'),
        ("a.py", 'config["api_key"] = "<your-api-key>"'),
        ("a.py", "huggingface_hub.login(token)"),
        ("a.py", 'cohere.Client(api_key=os.environ["CO_API_KEY"])'),
        ("a.py", 'if token == "":'),
        ("a.py", 'if token_type == "bearer_access_token_v2":'),
        ("a.py", f'secret_name = "{K}"'),  # a name about a secret, not one
        ("a.py", f'token_path = "{K}"'),
        ("a.py", f'sha_key = "{HEX32}"'),  # a hex value under an unqualified name is a digest
        ("a.cs", "var c = new NetworkCredential(user, password);"),
        ("Web.config", '<add key="Environment" value="production-eu-west" />'),
        ("Web.config", '<add key="ApiKey" value="${API_KEY}" />'),
        ("settings.xml", "<password>${env.NEXUS_PASSWORD}</password>"),
        ("settings.xml", "<passwordField>login-form-field</passwordField>"),
        ("pom.xml", "<tokenizer.version>2.1.0-beta</tokenizer.version>"),
        ("app/build.gradle", 'buildConfigField "String", "API_URL", "\\"https://api.example.org\\""'),
        ("Dockerfile", "ENV API_KEY $API_KEY"),
        ("Dockerfile", "ENV PATH /usr/local/bin:$PATH"),
        ("deploy.yaml", "env:\n  - name: API_KEY\n    valueFrom:\n      secretKeyRef: {name: s, key: k}\n"),
        ("deploy.yaml", "env:\n  - name: LOG_LEVEL\n    value: debug-verbose-mode\n"),
        ("README.md", 'curl -H "Content-Type: application/json" https://api.example.org'),
        ("run.sh", """echo 'export DATABASE_PASSWORD="'$DB_PASSWORD'"' >> .env"""),
        ("run.sh", "mysql --password=$MYSQL_PWD -e 'select 1'"),
        ("run.sh", "echo $PW | docker login --password-stdin registry.example.org"),
        ("README.md", "Connect-VIServer -Server vc01 -User <user> -Password <password>"),
        ("run.sh", "docker run -u root -p 8080:8080 trainer:latest"),  # `-p` of another command
        ("deploy.bat", "PsExec.exe \\\\build01 -u CORP\\svc -p %SVC_PASSWORD% cmd"),
        ("resources.py", f'class Db(ConfigurableResource):\n    host: str = "{K}"\n'),  # not a credential name
        ("resources.py", "    password: str = EnvVar('DB_PASSWORD')\n"),
        ("resources.py", 'S3Resource(aws_secret_access_key=EnvVar("AWS_SECRET_ACCESS_KEY"))'),
        ("flows.py", 'Secret.load("db-password")'),
        ("flows.py", 'Secret(value="<your-password>")'),
        ("notes.md", f'SecretStr("{K}")'),  # Python forms are read in Python sources only
    ],
)
def test_twin_stays_quiet(path: str, text: str) -> None:
    assert detect(text, path) == []


def test_many_near_misses_do_not_hang_the_scan() -> None:
    """Every form starts at a literal: a text of many near-misses costs what its length costs.

    A hang guard, not a speed target (those are bench/run.py's): 2.5 MB of near-misses takes
    about 1 s; a quadratic scan would take minutes, far past the bound.
    """
    import time

    text = 'x == "a" + cohere.Client(b) <add key="k" value="v"/> ENV A b\nname: a\nvalue: b\n' * 32_000
    started = time.monotonic()
    assert detect(text, "a.txt") == []
    assert time.monotonic() - started < 30

"""MLC-ARTIFACT-005: which torch versions a repository declares, and what the rule says about it."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest

from scanner.artifacts import torch_load

RULE = "MLC-ARTIFACT-005"


@pytest.mark.parametrize(
    ("spec", "safe"),
    [
        ("", False),  # bare `torch`: any version
        ("==2.1.0", False),
        ("==2.1.0+cu118", False),
        ("<2.6", False),
        ("~=2.3", False),
        (">=1.13,<3", False),
        (">2.5", False),  # 2.5.1 satisfies it
        ("!=2.7.0", False),
        ("==2.*", False),
        ("^2.1", False),  # Poetry caret
        ("=2.1", False),  # conda
        (">=2.6", True),
        (">=2.6.0,<3", True),
        ("==2.6.0", True),
        ("==2.10.1", True),  # 2.10 > 2.6, compared as numbers not text
        ("~=2.7", True),
        ("^2.6", True),
        ("2.7.0", True),  # conda's `pytorch 2.7.0`
        ("<3,>=2.6", True),
    ],
)
def test_spec_is_safe(spec: str, safe: bool) -> None:
    assert torch_load.spec_is_safe(spec) is safe


def _reqs(files: dict[str, str]) -> list[tuple[str, int | None, str, bool]]:
    return [(r.path, r.line, r.spec, r.safe) for r in torch_load.torch_requirements(iter(files.items()))]


def test_requirement_files_are_read_and_other_packages_ignored() -> None:
    got = _reqs(
        {
            "requirements-dev.txt": "torchvision==0.16\ntorch==2.1.0  # cuda 11.8\n-r base.txt\n",
            "requirements/gpu.txt": "torch[opt]>=2.6 ; sys_platform == 'linux'\n",
            "pyproject.toml": '[project]\nname = "x"\ndependencies = [\n  "numpy",\n  "torch<2.6",\n]\n'
            '[tool.poetry.dependencies]\ntorch = "^2.3"\n[tool.isort]\nknown_third_party = ["torch"]\n',
            "setup.py": 'import torch\nsetup(install_requires=["torch>=2.7", "torchaudio"])\n',
            "setup.cfg": "[options]\ninstall_requires =\n    torch ~= 2.2\n",
            "environment.yml": "dependencies:\n  - pytorch::pytorch=2.1\n  - pip:\n    - torch>=2.6\n",
            "README.md": "pip install torch==1.0\n",
            "notes.txt": "torch==1.0\n",
        }
    )
    assert got == [
        ("requirements-dev.txt", 2, "==2.1.0", False),
        ("requirements/gpu.txt", 1, ">=2.6", True),
        ("pyproject.toml", 5, "<2.6", False),
        ("pyproject.toml", 8, "^2.3", False),
        ("setup.py", 2, ">=2.7", True),
        ("setup.cfg", 3, "~=2.2", False),
        ("environment.yml", 2, "=2.1", False),
        ("environment.yml", 4, ">=2.6", True),
    ]


def _loads(src: str) -> list[tuple[int, bool]]:
    return [(u.line, u.explicit) for u in torch_load.unsafe_loads(ast.parse(src), src)]


def test_calls_found_through_aliases_and_only_when_unsafe() -> None:
    src = (
        "import torch as th\nfrom torch import load as tl\nimport pickle\n"
        "th.load('a.pt')\ntl('b.pt', weights_only=False)\nth.load('c.pt', weights_only=True)\n"
        "pickle.load(f)\nth.load('d.pt', **kw)\nnp.load('e.npy')\n"
    )
    assert _loads(src) == [(4, False), (5, True)]
    assert _loads("load('a.pt')\nx.load('b.pt')\n") == []  # no torch import: not torch.load


def _messages(root: Path, scan_repo: Callable) -> list[tuple[str, int, str]]:
    result = scan_repo(root)
    assert [e for e in result.errors if e.kind != "skipped"] == []  # a crashing rule reports nothing
    return sorted((f.path, f.start_line, f.message) for f in result.findings if f.rule_id == RULE)


def test_message_names_the_requirement_and_its_file(make_repo, scan_repo) -> None:
    root = make_repo(
        {"requirements.txt": "numpy\ntorch==2.1.0\n", "infer.py": "import torch\nm = torch.load('m.pt')\n"},
        git_repo=False,
    )
    [(path, line, message)] = _messages(root, scan_repo)
    assert (path, line) == ("infer.py", 2)
    assert "torch.load('m.pt') at line 2" in message
    assert "`torch==2.1.0` (requirements.txt:2) admits PyTorch < 2.6" in message


def test_every_requirement_at_or_above_2_6_silences_the_default_but_not_weights_only_false(
    make_repo, scan_repo
) -> None:
    files = {"requirements.txt": "torch>=2.6\n", "infer.py": "import torch\nm = torch.load('m.pt')\n"}
    assert _messages(make_repo(files, git_repo=False, name="a"), scan_repo) == []
    # one older requirement elsewhere (a second requirements file) is enough to report it
    files["docker/requirements.txt"] = "torch==2.4.1\n"
    [(_, _, message)] = _messages(make_repo(files, git_repo=False, name="b"), scan_repo)
    assert "docker/requirements.txt:1" in message
    files = {
        "requirements.txt": "torch>=2.6\n",
        "infer.py": "import torch\nm = torch.load('m.pt', weights_only=False)\n",
    }
    [(_, _, message)] = _messages(make_repo(files, git_repo=False, name="c"), scan_repo)
    assert "weights_only=False unpickles arbitrary objects whatever the torch version" in message


def test_no_requirement_found_is_reported_and_said(make_repo, scan_repo) -> None:
    root = make_repo({"load.py": "import torch\nm = torch.load('m.pt')\n"}, git_repo=False)
    [(_, _, message)] = _messages(root, scan_repo)
    assert "no torch requirement was found in its folder or above" in message


def test_only_requirements_of_the_code_s_folder_or_above_count(make_repo, scan_repo) -> None:
    load = "import torch\nm = torch.load('m.pt')\n"
    files = {
        "examples/old/environment/conda.yaml": "dependencies:\n  - pip:\n    - torch==1.13.0\n",
        "examples/old/code/score.py": load,
        "examples/new/requirements.txt": "torch>=2.6\n",
        "examples/new/score.py": load,
        "examples/other/score.py": load,
    }
    got = {path: message for path, _, message in _messages(make_repo(files, git_repo=False), scan_repo)}
    # the old example's torch 1.13 is its own (environment/ beside code/ speaks for both);
    # the new example requires torch>=2.6; the third declares nothing, and its neighbours'
    # pins are not its evidence
    assert sorted(got) == ["examples/old/code/score.py", "examples/other/score.py"]
    assert "examples/old/environment/conda.yaml:3" in got["examples/old/code/score.py"]
    assert "no torch requirement was found in its folder or above" in got["examples/other/score.py"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_a_requirements_file_with_a_byte_order_mark_is_read(make_repo, scan_repo, encoding: str) -> None:
    # Windows editors write a BOM (pip reads it); a first-line `torch>=2.6` behind it still counts.
    files = {"requirements.txt": "torch>=2.6\n".encode(encoding), "infer.py": "import torch\nm = torch.load('m.pt')\n"}
    assert _messages(make_repo(files, git_repo=False), scan_repo) == []

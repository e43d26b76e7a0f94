"""The extraction of labelled samples from other scanners' test data (bench/secrets_sources.py),
on small repositories written here in their layouts: a trufflehog pattern test and noseyparker
rules, committed to a real git repository and read back through git as the benchmark does."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from tests.conftest import init_repo
from tests.scripts import load_script

GO_TEST = r"""package acme

var (
	validPattern   = "acme_Qw3rTy6UiOp9AsDfGhJk"
	invalidPattern = "acme_short"
	keyword        = "acme"
	prefix         = `raw ` + "cooked\tvalue"
)

func TestAcme_Pattern(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  []string
	}{
		{
			name:  "valid pattern",
			input: fmt.Sprintf("%s token = '%s'", keyword, validPattern),
			want:  []string{validPattern},
		},
		{
			name:  "valid pattern - key out of prefix range",
			input: fmt.Sprintf("%s is far away\n\n = '%s'", keyword, validPattern),
			want:  []string{},
		},
		{
			name:  "invalid pattern",
			input: fmt.Sprintf("%s = '%s'", keyword, invalidPattern),
			want:  nil,
		},
		{
			name:  "invalid - token only no url",
			input: fmt.Sprintf("%s", validPattern),
			want:  nil,
		},
		{
			name:  "escaped literal",
			input: "acme \"quoted\" \x41 " + prefix,
			want:  []string{"x"},
		},
		{
			name:  "read from a file",
			input: string(data),
			want:  []string{"y"},
		},
	}
}
"""

NP_RULES = """rules:
- name: Acme Token
  id: np.acme.1
  pattern: 'acme_[a-z]{8}'
  examples:
  - 'acme_Qw3rTy6UiOp9AsDfGhJk'
  negative_examples:
  - 'acme_short'
  - 'shared sample'
- name: Acme Other
  id: np.acme.2
  pattern: 'x'
  examples:
  - 'shared sample'
- name: Not Default
  id: np.acme.3
  pattern: 'y'
  examples:
  - 'not in the default ruleset'
"""
NP_DEFAULT = """rulesets:
- id: default
  name: default
  include_rule_ids:
  - np.acme.1
  - np.acme.2
"""


def _sources() -> ModuleType:
    return load_script("bench/secrets_sources.py")


def test_trufflehog_entries_are_evaluated_and_labelled(tmp_path: Path) -> None:
    sources = _sources()
    repo = init_repo(tmp_path / "th", {"pkg/detectors/acme/acme_test.go": GO_TEST, "pkg/detectors/acme/acme.go": "x"})
    samples = [(s.provider, s.text, s.secret) for s in sources.trufflehog(repo)]
    assert samples == [
        ("acme", "acme token = 'acme_Qw3rTy6UiOp9AsDfGhJk'", True),
        ("acme", "acme = 'acme_short'", False),  # the "out of prefix range" entry is no label
        # "token only no url" is a valid token trufflehog cannot verify alone: no label either
        ("acme", 'acme "quoted" A raw cooked\tvalue', True),
    ]  # `string(data)` cannot be evaluated: left out


def test_noseyparker_default_rules_and_cross_rule_negatives(tmp_path: Path) -> None:
    sources = _sources()
    repo = init_repo(
        tmp_path / "np",
        {
            "crates/noseyparker/data/default/builtin/rules/acme.yml": NP_RULES,
            "crates/noseyparker/data/default/builtin/rulesets/default.yml": NP_DEFAULT,
        },
    )
    samples = sorted((s.provider, s.text, s.secret) for s in sources.noseyparker(repo))
    assert samples == [
        ("acme", "acme_Qw3rTy6UiOp9AsDfGhJk", True),
        ("acme", "acme_short", False),
        ("acme", "shared sample", True),  # another rule's example: not counted as a negative
    ]


def test_mislabelled_samples_are_left_out_with_a_reason() -> None:
    sources = _sources()
    sample = sources.Sample
    # labelled secrets that no credential can look like: each entry of the list says why
    assert sources.mislabelled(sample("noseyparker", "aws", "aws_secret_access_key: " + "a" * 40, True))
    assert sources.mislabelled(sample("trufflehog", "aws", "<id>{AKIAWGXZ9OPDOWUJMZGI}</id>", True))
    # the same text as a negative, under another provider, or a real-looking value: kept
    assert sources.mislabelled(sample("noseyparker", "aws", "aws_secret_access_key: " + "a" * 40, False)) is None
    assert sources.mislabelled(sample("trufflehog", "okta", "<id>{AKIAWGXZ9OPDOWUJMZGI}</id>", True)) is None
    assert sources.mislabelled(sample("noseyparker", "aws", "aws_secret_access_key: q8ZpR3vT6wK1mN4b", True)) is None
    assert all(why for *_, why in sources.MISLABELLED) and len(sources.MISLABELLED) <= 12


def test_rule_based_exclusions_name_a_reason_and_keep_real_values() -> None:
    sources = _sources()
    sample = sources.Sample
    # a key of one repeated character, with no key-like value beside it
    assert sources.mislabelled(sample("trufflehog", "acme", "ACME_KEY=acme_live_" + "b" * 40, True))
    assert sources.mislabelled(sample("trufflehog", "acme", "pk-lf-00000000-0000-0000-0000-000000000000", True))
    kept = "ACME_KEY=acme_live_" + "b" * 40 + "\nOTHER=Qm4xT8vK2pW9zR7nL3cY5d"
    assert sources.mislabelled(sample("trufflehog", "acme", kept, True)) is None
    # a value with `fake` written into it (trufflehog's own samples only)
    assert sources.mislabelled(sample("trufflehog", "acme", "acme token = 'Qm4xfakeT8vK2pW9zR7n'", True))
    assert sources.mislabelled(sample("noseyparker", "acme", "acme token = 'Qm4xfakeT8vK2pW9zR7n'", True)) is None
    assert sources.mislabelled(sample("trufflehog", "acme", "# a fake key\nacme = 'Qm4xT8vK2pW9zR7n'", True)) is None
    # a user name under noseyparker's React rule, and placeholder passwords
    assert sources.mislabelled(sample("noseyparker", "react", "REACT_APP_AUTH_USERNAME=bowie", True))
    for text in (
        "postgresql://user:secret@localhost/db",
        "Pwd=myPassword;",
        "psexec -u u -p $Password",
        "password=######",
    ):
        assert sources.mislabelled(sample("noseyparker", "odbc", text, True)), text
    for text in ("postgresql://user:Qm4xT8vK2p@localhost/db", "Pwd=Rrhh1234;", "password 'goodspec'"):
        assert sources.mislabelled(sample("noseyparker", "odbc", text, True)) is None, text
    # negatives are never left out, and every rule says why
    assert sources.mislabelled(sample("trufflehog", "acme", "acme_live_" + "b" * 40, False)) is None
    assert all(why for *_, why in sources.STAND_INS) and len(sources.STAND_INS) <= 6


def test_a_well_formed_token_beside_an_invalid_url_is_no_negative() -> None:
    source = """
func TestAcme_Pattern(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  []string
	}{
		{
			name:  "invalid_acme_url",
			input: "acme Qm4xT8vK2pW9zR7nL3cY5d url=acme.example.org",
			want:  nil,
		},
		{
			name:  "invalid pattern",
			input: "acme short",
			want:  nil,
		},
	}
}
"""
    samples = list(_sources().trufflehog_file("acme", source))
    assert [(s.text, s.secret) for s in samples] == [("acme short", False)]

"""Pickle opcode analysis: classification table, stack model, never unpickling."""

from __future__ import annotations

import io
import pickle

import pytest

from scanner.artifacts import pickle_scan


@pytest.mark.parametrize(
    ("module", "name", "verdict"),
    [
        ("os", "system", "unsafe"),
        ("posix", "system", "unsafe"),
        ("nt", "system", "unsafe"),
        ("subprocess", "Popen", "unsafe"),
        ("builtins", "eval", "unsafe"),
        ("builtins", "exec", "unsafe"),
        ("builtins", "getattr", "unsafe"),
        ("__builtin__", "__import__", "unsafe"),
        ("builtins", "open", "unsafe"),
        ("socket", "create_connection", "unsafe"),
        ("runpy", "run_path", "unsafe"),
        ("pty", "spawn", "unsafe"),
        ("os.path", "join", "unsafe"),
        ("torch.hub", "load", "unsafe"),
        ("builtins", "set", "safe"),
        ("collections", "OrderedDict", "safe"),
        ("torch._utils", "_rebuild_tensor_v2", "safe"),
        ("torch", "FloatStorage", "safe"),
        ("numpy.core.multiarray", "_reconstruct", "safe"),
        ("numpy", "dtype", "safe"),
        ("mypkg", "Model", "unknown"),
        # NumPy 1 and 2, scikit-learn, boosters, pandas, training arguments (issue 15)
        ("numpy._core.numeric", "_frombuffer", "safe"),
        ("numpy.core.numeric", "_frombuffer", "safe"),
        ("numpy._core.multiarray", "_reconstruct", "safe"),
        ("numpy", "float64", "safe"),
        ("numpy.dtypes", "Float64DType", "safe"),
        ("sklearn.linear_model._logistic", "LogisticRegression", "safe"),
        ("sklearn.tree._tree", "Tree", "safe"),
        ("sklearn.datasets._base", "Bunch", "unknown"),  # dataset loaders read files
        ("sklearn.utils", "check_array", "unknown"),  # functions are not rebuilt classes
        ("xgboost.core", "Booster", "safe"),
        ("lightgbm.sklearn", "LGBMClassifier", "safe"),
        ("pandas.core.frame", "DataFrame", "safe"),
        ("pandas.core.indexes.base", "_new_Index", "safe"),
        ("pandas.io.pytables", "HDFStore", "unknown"),
        ("transformers.training_args", "TrainingArguments", "safe"),
        ("accelerate.utils.dataclasses", "DistributedType", "safe"),
        ("torch.storage", "UntypedStorage", "safe"),
        ("torch._tensor", "_rebuild_from_type_v2", "safe"),
        # gadgets from picklescan's and modelscan's lists
        ("numpy.f2py.crackfortran", "getlincoef", "unsafe"),
        ("numpy.testing._private.utils", "runstring", "unsafe"),
        ("ssl", "get_server_certificate", "unsafe"),
        ("aiohttp.client", "ClientSession", "unsafe"),
        ("pydoc", "locate", "unsafe"),
        ("torch._inductor.codecache", "compile_file", "unsafe"),
        ("webbrowser", "open", "unsafe"),
        ("shutil", "rmtree", "unsafe"),
        ("pandas", "read_pickle", "unsafe"),
    ],
)
def test_classify(module: str, name: str, verdict: str) -> None:
    assert pickle_scan.classify(module, name) == verdict


def _globals(data: bytes) -> list[tuple[str, str]]:
    return [(f"{i.module}.{i.name}", i.verdict) for i in pickle_scan.scan(io.BytesIO(data))]


def test_inst_opcode() -> None:
    # Protocol 0 INST: "i" module newline name newline, after a MARK.
    assert _globals(b"(S'ls'\nios\nsystem\n.") == [("os.system", "unsafe")]


def test_stack_global_reads_operands_from_the_stack_not_the_last_strings() -> None:
    # "os", "system" are pushed last but packed into a tuple and popped: the operands are
    # "builtins", "set". Looking at the last two strings would get this wrong.
    ops = b"\x80\x04\x8c\x08builtins\x8c\x03set\x8c\x02os\x8c\x06system\x860\x93."
    assert _globals(ops) == [("builtins.set", "safe")]


def test_only_the_first_pickle_of_a_stream_is_read() -> None:
    data = pickle.dumps([1], protocol=2) + b"garbage"
    assert _globals(data) == []


def test_malformed_stream_raises_value_error() -> None:
    with pytest.raises(ValueError):
        pickle_scan.scan(io.BytesIO(b"\x80\x04\xff"))


def test_huge_claimed_lengths_do_not_allocate() -> None:
    # BINBYTES8 claiming 2**40 bytes, then a real import: skipped in chunks, no allocation.
    ops = b"\x80\x04\x8e" + (2**40).to_bytes(8, "little") + b"\0" * 100
    with pytest.raises(pickle_scan.PickleError, match=r"but only 100 remain"):
        pickle_scan.scan(io.BytesIO(ops))


def test_large_arguments_are_skipped_not_read() -> None:
    big = pickle_scan.MAX_ARG_BYTES + 10
    ops = b"\x80\x04\x8e" + big.to_bytes(8, "little") + b"\0" * big + b"0\x8c\x02os\x8c\x06system\x93."
    assert _globals(ops) == [("os.system", "unsafe")]


@pytest.mark.parametrize(
    ("qualified", "known"),
    [
        ("sklearn.ensemble._gb_losses.BinomialDeviance", True),
        ("transformers.models.bert.modeling_bert.BertModel", True),
        ("sklearn.utils.check_array", False),  # a function
        ("__main__.Net", False),
        ("mypackage.Net", False),
    ],
)
def test_known_library_class(qualified: str, known: bool) -> None:
    assert pickle_scan.known_library_class(qualified) is known

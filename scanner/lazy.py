"""Modules imported at their first use, for the tables that name every loader (formats.py,
incremental.py): a run on three .tf files then never imports the notebook, Airflow, model
artifact or provenance loaders, about a fifth of the pre-commit hook's budget.

`lazy_module(name)` returns the module object at once and runs its code on the first attribute
read (the standard library's importlib.util.LazyLoader). Errors in the module surface there, as
an ImportError would at an import statement. Make that first read on the main thread: before
Python 3.12, two threads reading a lazy module for the first time at once can see it half run
(the scan reads them only from its main thread; the Terraform overlap is not a thread).
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType


def lazy_module(name: str) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ImportError(f"no module named {name!r}", name=name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)  # as an import statement does
    return module

"""Deployment files of Prefect and Dagster, recognised by name (`prefect.yaml`, `dagster.yaml`,
`workspace.yaml`, `dagster_cloud.yaml`), and the container images they name: `image` and
`job_image` values anywhere in them (work pool job variables, Docker and Kubernetes run
launchers, Dagster Cloud locations) and Prefect's `build_docker_image` step (`image_name` + `tag`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any

from scanner.documents import Pointer

NAMES = frozenset({"prefect.yaml", "prefect.yml", "dagster.yaml", "workspace.yaml", "dagster_cloud.yaml"})
_IMAGE_KEYS = ("image", "job_image")
MAX_DEPTH = 64  # the YAML loader's depth budget is the real bound; this keeps the walk iterative


def is_deployment_file(path: str) -> bool:
    return PurePosixPath(path).name.lower() in NAMES


def images(data: Any) -> Iterator[tuple[str, Pointer]]:
    stack: list[tuple[Any, Pointer]] = [(data, ())]
    while stack:
        node, pointer = stack.pop()
        if len(pointer) > MAX_DEPTH:
            continue
        if isinstance(node, dict):
            for key in _IMAGE_KEYS:
                if isinstance(node.get(key), str):
                    yield node[key], (*pointer, key)
            name = node.get("image_name")
            if isinstance(name, str):
                tag = node.get("tag")
                yield (f"{name}:{tag}" if isinstance(tag, (str, int, float)) else name), (*pointer, "image_name")
            stack.extend((v, (*pointer, k)) for k, v in node.items() if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend((v, (*pointer, i)) for i, v in enumerate(node) if isinstance(v, (dict, list)))

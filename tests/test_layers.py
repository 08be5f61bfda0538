"""The package layers: each imports only from the layers under it (checked on the source, statically)."""
import ast
import pathlib

import personalign

ROOT = pathlib.Path(personalign.__file__).parent
# Lower number = lower layer. Packages on one level may not import each other.
LEVEL = {"errors": 0, "dimensions": 0, "models": 1, "rewards": 2, "decoding": 2, "safety": 2, "memory": 3, "feedback": 4,
         "eval": 5, "server": 5, "cli": 6}
ALLOWED_SAME_LEVEL: set[tuple[str, str]] = set()


def _imports(path: pathlib.Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_every_package_imports_only_lower_layers():
    problems = []
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        own = rel.parts[0].removesuffix(".py")
        if own not in LEVEL:
            continue
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] != "personalign" or len(parts) < 2 or parts[1] not in LEVEL or parts[1] == own:
                continue
            target = parts[1]
            if LEVEL[target] > LEVEL[own] or (LEVEL[target] == LEVEL[own] and (own, target) not in ALLOWED_SAME_LEVEL):
                problems.append(f"{rel} imports {name}")
    assert not problems, "layering violations:\n" + "\n".join(problems)

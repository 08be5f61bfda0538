"""The package layers: each imports only from the layers under it (checked on the source, statically)."""
import ast
import pathlib

import personalign

ROOT = pathlib.Path(personalign.__file__).parent
# Lower number = lower layer. Packages on one level may not import each other.
LEVEL = {"errors": 0, "dimensions": 0, "models": 1, "rewards": 2, "decoding": 2, "safety": 2, "memory": 3,
         "feedback": 4, "eval": 5, "server": 5, "cli": 6}
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


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _private_uses(path: pathlib.Path, own: str):
    """(line, what) for each private name of another personalign package this module reaches for.

    Caught: `from personalign.x.y import _z`, and `m._z` where `m` was imported from another package
    (a module, a class or a function: `PersRM._assemble` is as private as `persrm._read_config`).
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    foreign: dict[str, str] = {}  # local name -> what it was imported as
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            parts = node.module.split(".")
            if parts[0] != "personalign" or len(parts) < 2 or parts[1] == own:
                continue
            for alias in node.names:
                if _private(alias.name):
                    yield node.lineno, f"from {node.module} import {alias.name}"
                foreign[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] != "personalign" or (alias.asname and len(parts) > 1 and parts[1] == own):
                    continue
                # `import personalign.x.y` binds `personalign`; `import personalign.x.y as m` binds `m`.
                foreign[alias.asname or "personalign"] = alias.name if alias.asname else "personalign"
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute):
            continue
        chain, inner = [node.attr], node.value
        while isinstance(inner, ast.Attribute):
            chain.append(inner.attr)
            inner = inner.value
        if not isinstance(inner, ast.Name) or inner.id not in foreign:
            continue
        dotted = [*foreign[inner.id].split("."), *reversed(chain)]
        # `import personalign.x` binds `personalign`: only attributes under another package count.
        if dotted[0] == "personalign" and len(dotted) > 1 and dotted[1] == own:
            continue
        if _private(node.attr) and not any(_private(a) for a in chain[1:]):
            yield node.lineno, ".".join(dotted)


def test_no_module_uses_another_packages_private_names():
    problems = []
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        own = rel.parts[0].removesuffix(".py")
        problems += [f"{rel}:{line} uses {what}" for line, what in _private_uses(path, own)]
    assert not problems, "private names used across packages (make them public where they belong):\n" + \
        "\n".join(sorted(problems))

"""The package layout: no import cycle between checker's modules, type-only imports (under
`if TYPE_CHECKING:`) included, and no import of a checker module inside a function (the way cycles
get hidden), except the package's lazy top-level names."""
import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "checker"
LAZY_ON_PURPOSE = {"checker"}  # checker/__init__.py: `import checker` must not import torch


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def absolute(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def module_imports(tree: ast.Module, module: str, is_package: bool, modules: set[str]) -> set[str]:
    """checker modules imported at module level, type-only imports (`if TYPE_CHECKING:`) included:
    a circle that only type checkers see still ties the modules into one."""
    out = set()
    for node in tree.body:
        for sub in ast.walk(node) if not isinstance(node, (ast.FunctionDef, ast.ClassDef)) else ():
            if isinstance(sub, ast.ImportFrom):
                target = absolute(module, is_package, sub)
                for alias in sub.names:
                    out.add(f"{target}.{alias.name}" if f"{target}.{alias.name}" in modules else target)
            elif isinstance(sub, ast.Import):
                out.update(a.name for a in sub.names)
    return {m for m in out if m in modules and m != module}


def test_no_import_cycle_between_checker_modules():
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    modules = set(files)
    graph = {m: module_imports(ast.parse(p.read_text()), m, p.name == "__init__.py", modules) for m, p in files.items()}
    state: dict[str, int] = {}

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for n in sorted(graph[m]):
            assert state.get(n) != 1, "import cycle: " + " -> ".join(path + [m, n])
            if n not in state:
                visit(n, path + [m])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [])


def test_no_checker_module_is_imported_inside_a_function():
    found = []
    for path in PACKAGE.rglob("*.py"):
        module = module_name(path)
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for sub in ast.walk(node):
                    relative = isinstance(sub, ast.ImportFrom) and (sub.level or (sub.module or "").startswith("checker"))
                    if relative and module not in LAZY_ON_PURPOSE:
                        found.append(f"{path.relative_to(PACKAGE.parent)}:{sub.lineno}")
    assert not found, found

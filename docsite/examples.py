"""Code examples in the docs: every fenced block, with its language and place.

``tests/docs/`` validates the GraphQL ones against the schema and runs the Python
ones, so an example that no longer works fails CI.
"""

import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

_FENCE = re.compile(
    r"^(?P<indent>[ \t]*)```(?P<language>[\w-]*)[^\n]*\n(?P<body>.*?)^(?P=indent)```",
    re.DOTALL | re.MULTILINE,
)


@dataclass(frozen=True)
class Example:
    path: Path
    line: int
    language: str
    code: str

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def markdown_files() -> list[Path]:
    """Every page of the site, and the README (which PyPI shows)."""
    return [ROOT / "README.md", *sorted(DOCS.rglob("*.md"))]


def examples(language: str) -> list[Example]:
    """Every fenced block in ``language`` in the README and under docs/."""
    found = []
    for path in markdown_files():
        text = path.read_text()
        for match in _FENCE.finditer(text):
            if match["language"] != language:
                continue
            indent = len(match["indent"])
            body = "\n".join(line[indent:] for line in match["body"].splitlines())
            line = text.count("\n", 0, match.start()) + 1
            found.append(Example(path, line, language, body))
    return found

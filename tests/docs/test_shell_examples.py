"""Every shell example in the README and the docs names a command that exists,
with arguments that command accepts.

The commands themselves run elsewhere (CI runs ``scripts/*``; the import command,
the benchmark and the receiver have their own tests); here each line of each
```` ```bash ```` block is parsed by the parser of the command it calls. A command
this test does not know fails it, so a new kind of example gets a check too.
"""

import importlib.util
import json
import re
import shlex
from itertools import pairwise

import pytest
from django.core.management import load_command_class

from docsite.examples import ROOT, examples

SHELL_LINES = [
    (example.where, line)
    for example in examples("bash")
    for line in (
        raw.split("#", 1)[0].strip()
        for raw in example.code.replace("\\\n", " ").splitlines()
    )
    if line
]
#: Commands of Saleor's own or of pip, shown as they are: nothing of ours to check.
NOT_OURS = ("pip install", "python manage.py migrate")


def words(line: str) -> list[str]:
    tokens = shlex.split(line)
    while tokens and re.fullmatch(r"[A-Z_]+=\S*", tokens[0]):
        tokens.pop(0)  # VAR=value prefixes
    # placeholders such as [--small] or [--products N ...] are optional: drop them
    return [t for t in tokens if not t.startswith("[") and not t.endswith("]")]


def receiver_parser():
    spec = importlib.util.spec_from_file_location(
        "erp_receiver", ROOT / "examples" / "erp_receiver.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.parser()


def makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text()
    return set(re.findall(r"^([\w-]+):", text, re.MULTILINE))


def check(tokens: list[str]) -> None:
    command, args = tokens[0], tokens[1:]
    if command == "make":
        assert set(args) <= makefile_targets(), args
    elif command.startswith(("scripts/", "bench/")):
        path = ROOT / command
        assert path.is_file(), f"{command} does not exist"
        assert path.stat().st_mode & 0o111, f"{command} is not executable"
        options = [a for a in args if a.startswith("--")]
        if command == "bench/run":
            from bench.run import parse

            parse([a for a in args if a != "--help"])
        elif command == "scripts/docs":
            assert args[:1] in ([], ["build"], ["serve"], ["screenshots"]), args
        elif options:
            # scripts/demo and scripts/saleor-tests: each option is one they handle
            source = path.read_text()
            if command == "scripts/demo":
                source += (ROOT / "scripts" / "demo.py").read_text()
            for option in options:
                assert option in source, f"{command} has no option {option}"
    elif command.endswith("python") and args[:1] == ["examples/erp_receiver.py"]:
        receiver_parser().parse_args(args[1:])
    elif command == "python" and args[:2] == ["manage.py", "b2b_import"]:
        parser = load_command_class("saleor_b2b_groups", "b2b_import").create_parser(
            "manage.py", "b2b_import"
        )
        parser.parse_args(args[2:])
    elif command == "python" and args[:2] == ["-m", "django"]:
        load_command_class("saleor_b2b_groups", args[2])
    elif command == "curl":
        check_curl(args)
    else:
        pytest.fail(f"no check for this kind of command: {' '.join(tokens)}")


def check_curl(args: list[str]) -> None:
    """A GraphQL request by curl: its URL, and its multipart ``operations`` query
    valid against the served schema."""
    from graphql import parse
    from graphql.validation import validate
    from saleor.graphql.api import schema

    assert args, "curl needs a URL"
    assert args[0].startswith(("http://", "https://")), args
    operations = [
        value.split("=", 1)[1]
        for option, value in pairwise(args)
        if option == "-F" and value.startswith("operations=")
    ]
    assert operations, "a curl example posts GraphQL operations"
    for document in operations:
        query = json.loads(document)["query"]
        assert validate(schema, parse(query)) == [], query


def test_the_docs_have_shell_examples():
    assert len(SHELL_LINES) >= 20


@pytest.mark.parametrize(
    ("where", "line"), SHELL_LINES, ids=[f"{w}:{line}" for w, line in SHELL_LINES]
)
def test_shell_example_calls_a_command_that_accepts_it(where, line):
    if line.startswith(NOT_OURS):
        return
    check(words(line))

"""The runner's steps that need Django, run in a child process (``bench.database``).

    python -m bench.tasks template   # print the migrated Saleor template's name

The runner itself never imports Saleor's settings: each child gets the bench
database's environment, and Saleor's data migrations leave nothing behind in the
runner.
"""

import sys


def template() -> None:
    """The tests' template is named after the tests' settings' apps: use them."""
    import os

    import django

    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    django.setup()
    import saleor.graphql.api  # noqa: F401 - as under pytest: some migrations import
    from django.conf import settings  # the schema's modules, which cycle otherwise

    from tests.database import ensure_template

    print(
        ensure_template(settings.DATABASES[settings.DATABASE_CONNECTION_DEFAULT_NAME])
    )


TASKS = {"template": template}


def main() -> int:
    if len(sys.argv) != 2 or sys.argv[1] not in TASKS:
        print(f"usage: python -m bench.tasks {{{','.join(TASKS)}}}", file=sys.stderr)
        return 2
    TASKS[sys.argv[1]]()
    return 0


if __name__ == "__main__":
    sys.exit(main())

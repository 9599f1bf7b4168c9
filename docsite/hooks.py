"""MkDocs hooks (``mkdocs.yml``: ``hooks``): the pages generated at build time.

* ``reference/graphql.md``: the GraphQL reference, from the schema Saleor serves;
* ``reference/erp-event-schemas.md`` and ``reference/event-schemas/*.json``: the ERP
  event contract, from the JSON Schemas the package ships.

They are added as virtual files before the navigation is built, so ``awesome-nav``
lists them like any page. MkDocs loads this file by path, hence the ``sys.path`` line.
"""

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from docsite import event_schemas, graphql_reference  # noqa: E402
from docsite.schema import saleor_schema  # noqa: E402


@event_priority(100)  # before awesome-nav reads the files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    schema = saleor_schema()
    files.append(
        File.generated(
            config, "reference/graphql.md", content=graphql_reference.render(schema)
        )
    )
    files.append(
        File.generated(
            config, "reference/erp-event-schemas.md", content=event_schemas.render()
        )
    )
    for path in event_schemas.schema_files():
        files.append(
            File.generated(
                config,
                f"{event_schemas.PUBLISHED_DIR}/{path.name}",
                content=path.read_bytes(),
            )
        )
    return files

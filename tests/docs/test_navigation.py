"""The site's navigation lists every page, and a new feature page by itself.

Helpers add ``docs/features/<feature>.md`` side by side; the navigation
(mkdocs-awesome-nav, ``.nav.yml`` files) must pick each up with no edit, and no page
under docs/ may be left out of it. Computed as ``mkdocs build`` does, without
rendering the site.
"""

import shutil

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation

from docsite.examples import DOCS, ROOT


def navigation(docs_dir):
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs_dir))
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    nav = config.plugins.on_nav(
        get_navigation(files, config), config=config, files=files
    )
    return nav, files


def page_paths(nav) -> set[str]:
    return {page.file.src_uri for page in nav.pages}


@pytest.fixture
def docs_copy(tmp_path):
    copy = tmp_path / "docs"
    shutil.copytree(DOCS, copy)
    return copy


def test_every_page_is_in_the_navigation(docs_copy):
    nav, files = navigation(docs_copy)

    pages = {file.src_uri for file in files.documentation_pages()}
    assert page_paths(nav) == pages
    assert {"reference/graphql.md", "reference/erp-event-schemas.md"} <= pages


def test_a_new_feature_page_is_listed_without_a_nav_edit(docs_copy):
    # given a helper's new feature page, and nothing else changed
    (docs_copy / "features" / "quantity-rules.md").write_text(
        "# Quantity rules\n\nMinimums and multiples per group.\n"
    )

    # when
    nav, _ = navigation(docs_copy)

    # then it is in the Features section
    [features] = [item for item in nav.items if item.title == "Features"]
    titles = [page.file.src_uri for page in features.children]
    assert titles[0] == "features/index.md"
    assert "features/quantity-rules.md" in titles

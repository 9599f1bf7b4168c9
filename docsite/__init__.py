"""The documentation site's build-time tools (MkDocs hooks and page generators).

``mkdocs.yml`` loads :mod:`docsite.hooks`; the generators are plain functions so that
``tests/docs/`` can call them without MkDocs. Nothing here ships in the wheel.
"""

"""pytest plugin of ``scripts/saleor-tests``: Saleor's own tests, with this package.

The script runs Saleor's test modules in Saleor's tree with Saleor's own pytest
configuration (its ``setup.cfg``, its root ``conftest.py`` and every ``conftest.py``
below it) and loads this module with ``-p tests.saleor_suite``. Nothing else of this
project applies: its root ``conftest.py`` is not on the path of Saleor's tests.

What this module adds:

- this project's environment (``tests/environment.py``): the test database copied
  from the migrated Saleor template, the plugin in ``settings.PLUGINS`` of every test
  and active (``--b2b-plugin-inactive``: installed, not activated). ``-p`` modules
  load before pytest-django and Saleor's fixture modules, and among plugins the
  fixture registered last wins; so the environment is registered from
  ``pytest_configure``, after all of them (it also needs Django set up);
- a census: the summary says in how many tests the plugin was installed and active,
  and a test without it fails the run;
- a temporary working directory, so that nothing is written into Saleor's tree.
"""

import os
import shutil
import tempfile

import pytest

ENVIRONMENT = "tests.environment"

#: ``--b2b-plugin-inactive``: the plugin installed, not activated (a fresh install).
PLUGIN_INACTIVE_OPTION = "b2b_plugin_inactive"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("saleor-b2b-groups").addoption(
        "--b2b-plugin-inactive",
        action="store_true",
        dest=PLUGIN_INACTIVE_OPTION,
        help="run with saleor-b2b-groups installed but not activated",
    )


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.import_plugin(ENVIRONMENT)
    _work_in_a_temporary_directory(config)
    config.pluginmanager.register(
        PluginCensus(active=not config.getoption(PLUGIN_INACTIVE_OPTION)),
        "saleor-b2b-groups-census",
    )


class PluginCensus:
    """Checks that every Saleor test starts with the plugin installed and as asked.

    Counted when each test starts (after its fixtures); a test that sets its own
    ``PLUGINS`` later keeps the plugin too (``tests/environment.py``). The summary
    says in how many tests; any test without it fails the run.
    """

    def __init__(self, active: bool) -> None:
        self.active = active
        self.tests = 0
        self.without: list[str] = []

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_call(self, item: pytest.Item) -> None:
        from django.conf import settings

        from saleor_b2b_groups.plugin import CustomerGroupsPlugin
        from tests.environment import B2B_PLUGIN_PATH

        self.tests += 1
        installed = B2B_PLUGIN_PATH in settings.PLUGINS
        if not installed or self.active != CustomerGroupsPlugin.DEFAULT_ACTIVE:
            self.without.append(item.nodeid)

    def pytest_terminal_summary(self, terminalreporter) -> None:
        if not self.tests:
            return
        state = "active" if self.active else "installed, inactive"
        ok = self.tests - len(self.without)
        terminalreporter.write_sep(
            "=", f"saleor-b2b-groups {state} in {ok} of {self.tests} tests run"
        )
        for nodeid in self.without:
            terminalreporter.write_line(f"not {state}: {nodeid}", red=True)

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if self.without:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED


def _work_in_a_temporary_directory(config: pytest.Config) -> None:
    """Keep Saleor's tree as it is: its tests save media files under the working
    directory (``MEDIA_ROOT = ""``). Paths on the command line and in reports stay
    relative to where pytest started (Saleor's root, see scripts/saleor-tests).
    """
    started_in = os.getcwd()
    workdir = tempfile.mkdtemp(prefix="saleor-tests-")

    def restore() -> None:
        os.chdir(started_in)
        shutil.rmtree(workdir, ignore_errors=True)

    config.add_cleanup(restore)
    os.chdir(workdir)
    # pytest-django-queries (Saleor's benchmarks) writes its report when pytest has
    # gone back to where it started: into the temporary directory too.
    namespace = config.known_args_namespace
    report = getattr(namespace, "queries_results_save_path", None)
    if report and not os.path.isabs(report):
        namespace.queries_results_save_path = os.path.join(workdir, report)

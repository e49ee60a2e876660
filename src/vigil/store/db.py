"""Opening a workspace's database: engine, SQLite pragmas, migrations to the latest schema.

The embedded default is one SQLite file (WAL mode) in a workspace folder. The same code runs on
PostgreSQL by giving a SQLAlchemy URL instead (``VIGIL_DATABASE_URL``).
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event

from vigil.errors import WorkspaceError

DB_FILE = "vigil.sqlite"
DEFAULT_WORKSPACE = "vigil-data"


def resolve_workspace(workspace: str | Path | None) -> Path:
    """--workspace, else $VIGIL_WORKSPACE, else ./vigil-data."""
    return Path(workspace or os.environ.get("VIGIL_WORKSPACE") or DEFAULT_WORKSPACE)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")  # durable at checkpoints; WAL keeps the file consistent
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA temp_store=MEMORY")
    cur.execute("PRAGMA cache_size=-65536")  # 64 MiB
    cur.close()


def make_engine(url: str) -> Engine:
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("vigil.store") / "migrations"))
    return cfg


def head_revisions() -> set[str]:
    """The schema's heads. Parallel work may add branches on one parent; all heads are applied."""
    return set(ScriptDirectory.from_config(_alembic_config()).get_heads())


def current_revisions(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads())


def migrate(engine: Engine) -> None:
    """Bring the schema to the latest revisions (a no-op when it is there already)."""
    heads = head_revisions()
    current = current_revisions(engine)
    if current == heads:
        return
    known = {s.revision for s in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}
    unknown = current - known
    if unknown:
        raise WorkspaceError(
            f"the workspace's schema ({', '.join(sorted(unknown))}) is newer than this Vigil knows; upgrade Vigil"
        )
    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "heads")


def open_engine(workspace: str | Path | None, *, create: bool) -> tuple[Path, Engine]:
    """The workspace folder and a migrated engine. ``create`` makes a missing workspace."""
    url = os.environ.get("VIGIL_DATABASE_URL")
    ws = resolve_workspace(workspace)
    if url is None:
        db = ws / DB_FILE
        if not db.exists():
            if not create:
                raise WorkspaceError(f"no Vigil workspace at '{ws}'; run 'vigil init --workspace {ws}' first")
            ws.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{db}"
    engine = make_engine(url)
    migrate(engine)
    return ws, engine

"""How tests/data/results-v1.sqlite was made: a store of the first released schema (0001).

    python tests/data/make_results_v1.py

Records the generated quarter into a current store, then copies its inspections and items
into a store migrated to revision 0001 only. Kept so the file can be made again; the file
itself must stay as the first schema wrote it.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from alembic import command  # noqa: E402
from alembic.config import Config  # noqa: E402
from sqlalchemy import create_engine  # noqa: E402

from sopkit.app import load_library  # noqa: E402
from sopkit.results.service import record_inputs  # noqa: E402
from sopkit.results.store import open_store  # noqa: E402
from tests.results.results_quarter import make_quarter  # noqa: E402


def main() -> None:
    target = HERE / "results-v1.sqlite"
    target.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        lib, inbox = make_quarter(Path(tmp))
        head = Path(tmp) / "head.sqlite"
        engine = open_store(head)
        record_inputs(load_library(lib), [inbox], engine)
        engine.dispose()
        v1 = create_engine(f"sqlite:///{target}")
        config = Config()
        config.set_main_option("script_location", "sopkit.results:migrations")
        with v1.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "0001")
        v1.dispose()
        with sqlite3.connect(target) as out:
            out.execute("ATTACH DATABASE ? AS head", (str(head),))
            out.execute("INSERT INTO inspections SELECT * FROM head.inspections")
            out.execute("INSERT INTO inspection_items SELECT * FROM head.inspection_items")
        out.close()
    print(f"wrote {target}")


if __name__ == "__main__":
    main()

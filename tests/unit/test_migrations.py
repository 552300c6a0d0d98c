"""A case made by an earlier schema opens, is migrated step by step, and keeps its evidence and chain."""

from __future__ import annotations

from tests.conftest import PASS, write
from workbench.case import Case, ExaminerIdentity
from workbench.ingest import import_paths
from workbench.store import schema
from workbench.verify import verify_case


def test_open_case_made_by_previous_schemas(tmp_path):
    for old in range(1, schema.LATEST):
        d = tmp_path / f"case{old}"
        with Case.create(d, name="old", number="1", passphrase=PASS, examiner=ExaminerIdentity("A"),
                         schema_target=old) as c:
            assert schema.version(c.conn) == old
            write(tmp_path / f"ev{old}" / "a.txt", "kept across the upgrade")
            import_paths(c, [tmp_path / f"ev{old}"], extract=False)
            head = c.repo.custody_head()
        with Case.open(d, PASS) as c:
            assert schema.version(c.conn) == schema.LATEST
            assert c.repo.item("EX-000001")["name"] == "a.txt"
            assert c.repo.custody_head() == head
            assert verify_case(c).ok


def test_each_step_is_one_transaction():
    # every step is a script whose statements split cleanly (triggers keep their bodies)
    for step in schema.MIGRATIONS:
        if isinstance(step, str):
            stmts = schema._split(step)
            assert stmts and all(s.strip().endswith(";") for s in stmts)

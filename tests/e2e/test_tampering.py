"""The tampering table, through the real CLI: every tampering applied to a fresh copy of a real case or of a
real exported bundle must be detected by ``workbench verify`` / ``workbench verify-bundle`` (exit 1) with a
reason that names the damaged thing. ``bench/tamper_table.py`` runs the same table and prints
"N tamperings tried, N detected" with the list (the README's figure).

Case tamperings inside the encrypted database are made by an attacker who holds the passphrase (opening
the case with the application's own library and dropping the append-only triggers): the strongest attacker
short of holding the examiner's signing key too."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import PASS, run_cli, write


@dataclass(frozen=True)
class Tamper:
    target: str  # "case" or "bundle"
    name: str
    apply: Callable[[Path, Path], None]  # (copy, other) -> None; "other" is a second, unrelated case/bundle
    names: tuple[str, ...]  # one of these must appear in the report (exhibit, file, "custody seq"...)


# -- helpers -----------------------------------------------------------------------------------------------
def _flip(p: Path, at: float = 0.5) -> None:
    b = bytearray(p.read_bytes())
    b[int(len(b) * at)] ^= 0x01
    p.write_bytes(bytes(b))


def _objects(case: Path) -> list[Path]:
    return sorted(p for p in (case / "vault").rglob("*") if p.is_file() and p.relative_to(case / "vault").parts[0] != "tmp")


def _sql(case: Path, *statements: tuple[str, tuple]) -> None:
    from workbench.case import Case

    with Case.open(case, PASS) as c:
        c.conn.execute("DROP TRIGGER IF EXISTS custody_no_update")
        c.conn.execute("DROP TRIGGER IF EXISTS custody_no_delete")
        for sql, params in statements:
            c.conn.execute(sql, params)


def _custody(case: Path, seq: int) -> tuple[str, str, str]:
    from workbench.case import Case

    with Case.open(case, PASS, readonly=True) as c:
        return c.conn.execute("SELECT event, hash, signature FROM custody WHERE seq = ?", (seq,)).fetchone()


def _edit_event(case: Path, _: Path) -> None:
    ev = json.loads(_custody(case, 3)[0])
    ev["details"]["name"] = "forged.txt"
    _sql(case, ("UPDATE custody SET event = ? WHERE seq = 3", (json.dumps(ev),)))


def _swap_events(case: Path, _: Path) -> None:
    a, b = _custody(case, 3), _custody(case, 4)
    _sql(case, ("UPDATE custody SET event=?, hash='x', signature=? WHERE seq = 3", (b[0], b[2])),
         ("UPDATE custody SET event=?, hash=?, signature=? WHERE seq = 4", a),
         ("UPDATE custody SET hash=? WHERE seq = 3", (b[1],)))


def _replay_event(case: Path, other: Path) -> None:
    foreign = _custody(other, 3)
    _sql(case, ("UPDATE custody SET event=?, hash=?, signature=? WHERE seq = 3", foreign))


def _forge_signature(case: Path, _: Path) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    h = _custody(case, 3)[1]
    _sql(case, ("UPDATE custody SET signature = ? WHERE seq = 3", (Ed25519PrivateKey.generate().sign(bytes.fromhex(h)).hex(),)))


def _swap_objects(case: Path, _: Path) -> None:
    a, b = _objects(case)[:2]
    tmp = a.with_name("swap")
    a.rename(tmp)
    b.rename(a)
    tmp.rename(b)


def _stray_object(case: Path, _: Path) -> None:
    o = _objects(case)[0]
    shutil.copy(o, o.with_name("0" * len(o.name)))


def _case_json(field: str) -> Callable[[Path, Path], None]:
    def f(case: Path, _: Path) -> None:
        doc = json.loads((case / "case.json").read_text("utf-8"))
        if field == "case_id":
            doc["case_id"] = "00000000-0000-4000-8000-000000000000"
        else:
            wrapped = doc["slots"][0]["wrapped_db_key"]
            ct = wrapped["ciphertext"]
            wrapped["ciphertext"] = ("B" if ct[0] == "A" else "A") + ct[1:]
        (case / "case.json").write_text(json.dumps(doc), "utf-8")
    f.__name__ = f"case_json_{field}"
    return f


CASE_TABLE = [
    Tamper("case", "bit flip in a vault object", lambda c, _: _flip(_objects(c)[0]), ("object",)),
    Tamper("case", "vault object truncated", lambda c, _: _objects(c)[1].write_bytes(_objects(c)[1].read_bytes()[:100]),
           ("object",)),
    Tamper("case", "vault object deleted", lambda c, _: _objects(c)[2].unlink(), ("missing",)),
    Tamper("case", "two vault objects swapped", _swap_objects, ("object",)),
    Tamper("case", "stray object added to the vault", _stray_object, ("not recorded",)),
    Tamper("case", "vault object replaced by another case's", lambda c, o: shutil.copy(_objects(o)[0], _objects(c)[0]),
           ("object",)),
    Tamper("case", "bit flip in the database file", lambda c, _: _flip(c / "case.db", 0.6), ("database", "page")),
    Tamper("case", "custody event edited", _edit_event, ("custody seq 3", "seq 3")),
    Tamper("case", "custody event deleted", lambda c, _: _sql(c, ("DELETE FROM custody WHERE seq = 3", ())),
           ("seq 4", "seq 3")),
    Tamper("case", "two custody events swapped", _swap_events, ("seq 3", "seq 4")),
    Tamper("case", "custody event replayed from another case", _replay_event, ("seq 3",)),
    Tamper("case", "custody signature forged", _forge_signature, ("seq 3",)),
    Tamper("case", "item's recorded SHA-256 edited", lambda c, _: _sql(
        c, ("UPDATE items SET sha256 = ? WHERE exhibit = 'EX-000001'", ("0" * 64,))), ("EX-000001",)),
    Tamper("case", "object's recorded MD5 edited", lambda c, _: _sql(
        c, ("UPDATE objects SET md5 = ? WHERE rowid = 1", ("f" * 32,))), ("object", "EX-0000")),
    Tamper("case", "item pointed at another item's object", lambda c, _: _sql(
        c, (("UPDATE items SET object = (SELECT object FROM items WHERE exhibit = 'EX-000002')"
             " WHERE exhibit = 'EX-000001'"), ())), ("EX-000001",)),
    Tamper("case", "case.json case id edited", _case_json("case_id"), ("case", "passphrase")),
    Tamper("case", "case.json key slot edited", _case_json("slot"), ("case", "passphrase")),
]


# -- bundle tamperings -------------------------------------------------------------------------------------
def _payload(bag: Path, n: int = 0) -> Path:
    return sorted(p for p in (bag / "data").rglob("*") if p.is_file())[n]


def _retag(bag: Path) -> None:
    """Recompute the tag manifests after an edit (what a careful forger does); only the signature remains."""
    import hashlib

    for algo in ("sha256", "md5"):
        tm = bag / f"tagmanifest-{algo}.txt"
        if not tm.exists():
            continue
        lines = []
        for line in tm.read_text("utf-8").splitlines():
            _, rel = line.split("  ", 1)
            lines.append(f"{hashlib.new(algo, (bag / rel).read_bytes()).hexdigest()}  {rel}")
        tm.write_text("\n".join(lines) + "\n", "utf-8")


def _custody_lines(bag: Path, edit: Callable[[list[str]], list[str]], retag: bool = True) -> None:
    p = bag / "metadata" / "custody-log.jsonl"
    p.write_text("\n".join(edit(p.read_text("utf-8").splitlines())) + "\n", "utf-8")
    if retag:
        _retag(bag)


def _edit_line(lines: list[str]) -> list[str]:
    i = next(i for i, ln in enumerate(lines) if '"acquired"' in ln)
    obj = json.loads(lines[i])
    obj["event"]["details"]["name"] = "forged.txt"
    lines[i] = json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return lines


def _swap(lines: list[str]) -> list[str]:
    lines[1], lines[2] = lines[2], lines[1]
    return lines


def _replayed(other: Path) -> Callable[[list[str]], list[str]]:
    def f(lines: list[str]) -> list[str]:
        lines[1] = (other / "metadata" / "custody-log.jsonl").read_text("utf-8").splitlines()[1]
        return lines
    return f


def _edit_text(rel: str, old: str, new: str, retag: bool) -> Callable[[Path, Path], None]:
    def f(bag: Path, _: Path) -> None:
        p = bag / rel
        text = p.read_text("utf-8")
        assert old in text, (rel, old)
        p.write_text(text.replace(old, new, 1), "utf-8")
        if retag:
            _retag(bag)
    return f


def _rename_payload(bag: Path, _: Path) -> None:
    p = _payload(bag)
    p.rename(p.with_name("renamed-" + p.name))


def _replace_report(bag: Path, other: Path, retag: bool) -> None:
    shutil.copy(other / "metadata" / "report.pdf", bag / "metadata" / "report.pdf")
    if retag:
        _retag(bag)


def _foreign_key(bag: Path, other: Path) -> None:
    (pem,) = (bag / "metadata" / "examiners").glob("*.pem")
    (other_pem,) = (other / "metadata" / "examiners").glob("*.pem")
    shutil.copy(other_pem, pem)
    _retag(bag)


def _first_sha(bag: Path) -> str:
    return (bag / "manifest-sha256.txt").read_text("utf-8").split()[0]


BUNDLE_TABLE = [
    Tamper("bundle", "bit flip in a payload file", lambda b, _: _flip(_payload(b)), ("data/",)),
    Tamper("bundle", "payload file truncated", lambda b, _: _payload(b, 1).write_bytes(b"x"), ("data/",)),
    Tamper("bundle", "payload file removed", lambda b, _: _payload(b, 2).unlink(), ("data/",)),
    Tamper("bundle", "payload file added", lambda b, _: write(b / "data" / "EX-000001" / "planted.jpg", b"x"),
           ("planted.jpg",)),
    Tamper("bundle", "payload file renamed", _rename_payload, ("renamed-",)),
    Tamper("bundle", "payload replaced by another bundle's", lambda b, o: shutil.copy(_payload(o, 0), _payload(b, 0)),
           ("data/",)),
    Tamper("bundle", "tag file added", lambda b, _: write(b / "metadata" / "notes.txt", "planted"), ("notes.txt",)),
    Tamper("bundle", "tag file removed (items.json)", lambda b, _: (b / "metadata" / "items.json").unlink(),
           ("items.json",)),
    Tamper("bundle", "bit flip in a tag file (bagit.txt)", lambda b, _: _flip(b / "bagit.txt"), ("bagit.txt",)),
    Tamper("bundle", "payload manifest line edited", lambda b, _: _edit_text(
        "manifest-sha256.txt", _first_sha(b), "0" * 64, False)(b, _), ("manifest-sha256.txt", "data/")),
    Tamper("bundle", "payload manifest edited, tag manifests recomputed", lambda b, _: _edit_text(
        "manifest-sha256.txt", _first_sha(b), "0" * 64, True)(b, _), ("signature", "data/")),
    Tamper("bundle", "items.json edited", _edit_text("metadata/items.json", "EX-000001", "EX-000009", False),
           ("items.json",)),
    Tamper("bundle", "items.json edited, tag manifests recomputed",
           _edit_text("metadata/items.json", "EX-000001", "EX-000009", True), ("signature", "items.json")),
    Tamper("bundle", "bag-info.txt edited", _edit_text("bag-info.txt", "Bagging-Date", "Bagging-Date-X", False),
           ("bag-info.txt",)),
    Tamper("bundle", "custody line edited", lambda b, _: _custody_lines(b, _edit_line, retag=False),
           ("custody-log.jsonl",)),
    Tamper("bundle", "custody line edited, tag manifests recomputed", lambda b, _: _custody_lines(b, _edit_line),
           ("custody", "signature")),
    Tamper("bundle", "custody line deleted, tag manifests recomputed",
           lambda b, _: _custody_lines(b, lambda ls: ls[:2] + ls[3:]), ("custody", "signature")),
    Tamper("bundle", "two custody lines swapped, tag manifests recomputed", lambda b, _: _custody_lines(b, _swap),
           ("custody", "signature")),
    Tamper("bundle", "custody line replayed from another bundle, tag manifests recomputed",
           lambda b, o: _custody_lines(b, _replayed(o)), ("custody", "signature")),
    Tamper("bundle", "bit flip in the signature", lambda b, _: _flip(b / "tagmanifest-sha256.txt.sig"), ("signature",)),
    Tamper("bundle", "signature replaced by another bundle's",
           lambda b, o: shutil.copy(o / "tagmanifest-sha256.txt.sig", b / "tagmanifest-sha256.txt.sig"), ("signature",)),
    Tamper("bundle", "signature removed", lambda b, _: (b / "tagmanifest-sha256.txt.sig").unlink(), ("signature",)),
    Tamper("bundle", "examiner key replaced by another's, tag manifests recomputed", _foreign_key,
           ("signature", "key", ".pem")),
    Tamper("bundle", "report replaced by another bundle's", lambda b, o: _replace_report(b, o, False), ("report.pdf",)),
    Tamper("bundle", "report replaced, tag manifests recomputed", lambda b, o: _replace_report(b, o, True),
           ("signature", "report")),
    Tamper("bundle", "report edited (bytes appended)",
           lambda b, _: (b / "metadata" / "report.pdf").write_bytes((b / "metadata" / "report.pdf").read_bytes()
                                                                    + b"\n% appended\n"), ("report.pdf",)),
    Tamper("bundle", "hashdeep.txt edited", lambda b, _: _flip(b / "metadata" / "hashdeep.txt", 0.9), ("hashdeep",)),
    Tamper("bundle", "tag manifest edited", lambda b, _: _flip(b / "tagmanifest-md5.txt", 0.1), ("tagmanifest",)),
]
TABLE = CASE_TABLE + BUNDLE_TABLE


# -- running the table -------------------------------------------------------------------------------------
def make_world(base: Path) -> dict[str, Path]:
    """Two unrelated cases, each with evidence and an exported bundle."""
    from tests.unit.test_fuzz_extractors import _jpeg, _pdf

    out = {}
    for tag in ("main", "other"):
        ev = base / f"ev-{tag}"
        write(ev / "photo.jpg", _jpeg())
        write(ev / "contract.pdf", _pdf())
        write(ev / "chat.txt", f"13/02/2020, 21:05 - Anna: Hallo {tag}\n13/02/2020, 21:06 - Ben: مرحبا\n")
        write(ev / "notes.txt", f"the passport is kept by the agent ({tag})\n")
        case = base / f"case-{tag}"
        assert run_cli("case", "create", str(case), "--name", tag, "--number", "1", "--examiner", "A").returncode == 0
        assert run_cli("import", str(case), str(ev)).returncode == 0
        r = run_cli("export", str(case), str(base / f"bag-{tag}"), "--all")
        assert r.returncode == 0, r.stderr
        out[f"case-{tag}"], out[f"bag-{tag}"] = case, base / f"bag-{tag}"
    return out


def try_one(t: Tamper, world: dict[str, Path], work: Path) -> tuple[bool, str]:
    """Apply one tampering to a fresh copy; returns (detected and named, the checker's words)."""
    src, other = world[f"{t.target if t.target == 'case' else 'bag'}-main"], world[f"{'case' if t.target == 'case' else 'bag'}-other"]
    copy = work / f"{t.target}-copy"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(src, copy)
    t.apply(copy, other)
    if t.target == "case":
        r = run_cli("verify", str(copy), "--json")
    else:
        r = run_cli("verify-bundle", str(copy), passphrase=None)
    said = r.stdout + r.stderr
    if t.target == "case" and r.stdout.strip().startswith("{"):
        rep = json.loads(r.stdout)
        said = " ".join(f"{p['kind']} {p['exhibit'] or ''} {'seq ' + str(p['seq']) if p['seq'] else ''} {p['message']}"
                        for p in rep["problems"]) + r.stderr
    crashed = "Traceback" in said or r.returncode == 70
    detected = r.returncode != 0 and not crashed and any(n in said for n in t.names)
    return detected, f"exit {r.returncode}: {' '.join(said.split())[:300]}"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_world(tmp_path_factory.mktemp("tamper"))


def test_untouched_case_and_bundle_verify(world: dict[str, Path]) -> None:
    assert run_cli("verify", str(world["case-main"])).returncode == 0
    assert run_cli("verify-bundle", str(world["bag-main"]), passphrase=None).returncode == 0


@pytest.mark.parametrize("t", TABLE,
                         ids=[f"{t.target}: {t.name}" for t in TABLE])
def test_tampering_is_detected_and_named(t: Tamper, world: dict[str, Path], tmp_path: Path) -> None:
    detected, said = try_one(t, world, tmp_path)
    assert detected, f"{t.target}: {t.name}: not detected or not named ({t.names}); {said}"


def test_the_table_is_large_enough() -> None:
    """The README's figure comes from this table (bench/tamper_table.py)."""
    assert len(CASE_TABLE) >= 15 and len(BUNDLE_TABLE) >= 25
    assert os.path.basename(__file__) == "test_tampering.py"

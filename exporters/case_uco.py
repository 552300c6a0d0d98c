"""``metadata/case-uco.jsonld``: the bundle as a CASE/UCO 1.4 graph.

Nodes: the investigation; the exporting examiner and every examiner of an acquisition (identity:Person);
the tool; per exhibit an ``observable:File`` (FileFacet: name and size; ContentDataFacet: MIME type, size
and ``types:Hash`` nodes typed ``vocabulary:HashNameVocab`` / ``xsd:hexBinary``), a
``case-investigation:ProvenanceRecord`` with the exhibit number, and one acquisition
``case-investigation:InvestigativeAction`` per recorded acquisition; and the export action itself.

Every ``@id`` ends in a UUID made with uuid5 from the case id and a stable name, so that re-exporting the
same case yields the same ids. The graph is written as plain JSON (no RDF library needed at run time);
``case_validate --built-version case-1.4.0`` checks it in the tests.
"""

from __future__ import annotations

import json
import re
import uuid
from typing import Any, Iterable

from exporters.source import BundleExhibit

CONTEXT = {
    "kb": "http://example.org/kb/",
    "case-investigation": "https://ontology.caseontology.org/case/investigation/",
    "uco-action": "https://ontology.unifiedcyberontology.org/uco/action/",
    "uco-core": "https://ontology.unifiedcyberontology.org/uco/core/",
    "uco-identity": "https://ontology.unifiedcyberontology.org/uco/identity/",
    "uco-observable": "https://ontology.unifiedcyberontology.org/uco/observable/",
    "uco-tool": "https://ontology.unifiedcyberontology.org/uco/tool/",
    "uco-types": "https://ontology.unifiedcyberontology.org/uco/types/",
    "uco-vocabulary": "https://ontology.unifiedcyberontology.org/uco/vocabulary/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
HASH_NAMES = {"sha256": "SHA256", "md5": "MD5", "sha1": "SHA1", "sha512": "SHA512"}
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


class _Ids:
    def __init__(self, case_id: str) -> None:
        try:
            self.ns = uuid.UUID(str(case_id))
        except ValueError:
            self.ns = uuid.uuid5(uuid.NAMESPACE_URL, f"evidence-workbench:{case_id}")

    def __call__(self, kind: str, *parts: Any) -> str:
        name = "/".join([kind, *(str(p) for p in parts)])
        return f"kb:{kind}-{uuid.uuid5(self.ns, name)}"


def _dt(value: Any) -> dict | None:
    if isinstance(value, str) and _ISO.match(value):
        return {"@type": "xsd:dateTime", "@value": value}
    return None


def build_graph(
    *,
    case: dict,
    exporter: dict,
    tool: dict,
    exhibits: Iterable[BundleExhibit],
    portable_paths: dict[str, str],
    records: dict[str, dict],
    algorithms: Iterable[str],
    export_time_utc: str,

) -> dict:
    ids = _Ids(str(case.get("case_id", "")))
    algos = [a for a in algorithms if a in HASH_NAMES]
    graph: list[dict] = []
    people: dict[str, str] = {}

    def person(name: str) -> str:
        if name not in people:
            people[name] = ids("Person", name)
            graph.append({"@id": people[name], "@type": "uco-identity:Person", "uco-core:name": name})
        return people[name]

    tool_id = ids("Tool", tool.get("name"), tool.get("version"))
    graph.append(
        {
            "@id": tool_id,
            "@type": "uco-tool:Tool",
            "uco-core:name": str(tool.get("name", "")),
            "uco-tool:version": str(tool.get("version", "")),
        }
    )
    objects: list[dict] = []
    provenance_ids: list[dict] = []
    for ex in exhibits:
        file_id = ids("File", ex.exhibit)
        facets: list[dict] = [
            {
                "@id": ids("FileFacet", ex.exhibit),
                "@type": "uco-observable:FileFacet",
                "uco-observable:fileName": portable_paths[ex.exhibit].rsplit("/", 1)[-1],
                "uco-observable:sizeInBytes": {"@type": "xsd:integer", "@value": str(int(ex.size))},
            }
        ]
        hashes = []
        for a in algos:
            value = getattr(ex, a, None)
            if not value:
                continue
            hashes.append(
                {
                    "@id": ids("Hash", ex.exhibit, a),
                    "@type": "uco-types:Hash",
                    "uco-types:hashMethod": HASH_NAMES[a],  # xsd:string in the HashNameVocab list (UCO 1.4)
                    "uco-types:hashValue": {"@type": "xsd:hexBinary", "@value": value.lower()},
                }
            )
        facets.append(
            {
                "@id": ids("ContentDataFacet", ex.exhibit),
                "@type": "uco-observable:ContentDataFacet",
                "uco-observable:mimeType": ex.mime,
                "uco-observable:sizeInBytes": {"@type": "xsd:integer", "@value": str(int(ex.size))},
                "uco-observable:hash": hashes,
            }
        )
        graph.append(
            {
                "@id": file_id,
                "@type": "uco-observable:File",
                "uco-core:description": f"{ex.exhibit}, bundle path {portable_paths[ex.exhibit]}",
                "uco-core:hasFacet": facets,
            }
        )
        objects.append({"@id": file_id})
        prov_id = ids("ProvenanceRecord", ex.exhibit)
        graph.append(
            {
                "@id": prov_id,
                "@type": "case-investigation:ProvenanceRecord",
                "case-investigation:exhibitNumber": ex.exhibit,
                "uco-core:object": [{"@id": file_id}],
            }
        )
        provenance_ids.append({"@id": prov_id})
        for i, acq in enumerate(records[ex.exhibit].get("acquisitions") or []):
            if not isinstance(acq, dict):
                continue
            action: dict[str, Any] = {
                "@id": ids("InvestigativeAction", ex.exhibit, "acquisition", i),
                "@type": "case-investigation:InvestigativeAction",
                "uco-core:name": "acquisition",
                "uco-core:description": _acq_description(acq),
                "uco-action:instrument": [{"@id": tool_id}],
                "uco-action:result": [{"@id": file_id}, {"@id": prov_id}],
            }
            if acq.get("examiner"):
                action["uco-action:performer"] = {"@id": person(str(acq["examiner"]))}
            when = _dt(acq.get("acquired_utc"))
            if when:
                action["uco-action:startTime"] = when
            graph.append(action)
    export_action: dict[str, Any] = {
        "@id": ids("InvestigativeAction", "export", export_time_utc),
        "@type": "case-investigation:InvestigativeAction",
        "uco-core:name": "export",
        "uco-core:description": "BagIt bundle exported for disclosure",
        "uco-action:instrument": [{"@id": tool_id}],
        "uco-action:object": provenance_ids,
        "uco-action:result": objects,
    }
    if exporter.get("name"):
        export_action["uco-action:performer"] = {"@id": person(str(exporter["name"]))}
    when = _dt(export_time_utc)
    if when:
        export_action["uco-action:startTime"] = when
    graph.append(export_action)
    investigation: dict[str, Any] = {
        "@id": ids("Investigation", "case"),
        "@type": "case-investigation:Investigation",
        "uco-core:name": str(case.get("name") or case.get("number") or ""),
        "uco-core:object": objects + provenance_ids,
    }
    if case.get("number"):
        investigation["uco-core:description"] = f"case number {case['number']}"
    graph.append(investigation)
    return {"@context": CONTEXT, "@graph": graph}


def _acq_description(acq: dict) -> str:
    parts = []
    for key in ("method", "source", "host", "tool"):
        if acq.get(key):
            parts.append(f"{key}: {acq[key]}")
    if acq.get("source_path"):
        parts.append(f"source path: {acq['source_path']}")
    return "; ".join(parts) or "acquired"


def to_bytes(graph: dict) -> bytes:
    return (json.dumps(graph, indent=1, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")

"""The agency recap (*rekap kebutuhan pengembangan*): many result files in, one aggregate out.

The CLI (``kompetensi rekap``) and the ``/rekap/`` page run this same code: files are fed one at
a time to :meth:`Recap.add` (bytes, never a path: the caller bounds its reading), each is
recomputed by :func:`generator.engine.recap_files.read_result`, and only a small record per
person is kept (its levels, targets and planned activities), so memory grows with the number
of people, never with the size of their files. Duplicates (the same NIP, or identical bytes)
keep the newest file (by modification time, then by the order given); the older one is listed
in ``rejected`` with the name of the file kept. No name or NIP of a respondent appears in the
summary unless ``detail`` (``missing`` lists the roster's NIPs: the officer's own list).

:meth:`Recap.summary`, JSON (``format`` ``kompetensi-asn/rekap``, version 1)::

    {"respondents": n, "files": {"received", "used", "rejected", "stored_result_differs"},
     "competencies": [{"id", "name", "respondents", "below_target", "at_target",
                       "above_target", "no_target", "level_counts": {"0".."5": n},
                       "mean_gap": float | null}],
     "units": [{"unit", "respondents": n | "< 3", "competencies": [...] | null}],
     "positions": [{"position", ...the same}],
     "jp_demand": {"70": jp, "20": jp, "10": jp},
     "activities": [{"activity_id", "activity", "competency", "level", "category", "form",
                     "arranged_by_agency", "employees", "jp", "classes"}],
     "annual_plan": [{"competency", "level", "form", "form_name", "category",
                      "arranged_by_agency", "participants", "jp_per_participant", "total_jp",
                      "quarter"}],
     "missing": [{"nip", "unit"}], "rejected": [{"file", "reason"}], ...}

Standard library only: this module is shipped in the engine wheel.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from .dictionary import Dictionary, read_dictionary
from .model import DEFAULT_GROUP_SIZE, DEFAULT_MIN_GROUP
from .recap_files import Rejected, Respondent, read_result
from .recap_roster import RosterPerson
from .recap_rows import Entry, PlannedActivity, people_rows
from .wording import _

RECAP_FORMAT = "kompetensi-asn/rekap"
RECAP_FORMAT_VERSION = 1
NOT_GIVEN = "Tidak diisi"
PERSONAL_DATA_NOTICE = (
    "PERHATIAN: berkas ini memuat data pribadi (nama dan NIP) per pegawai; simpan dan bagikan "
    "hanya sesuai ketentuan pelindungan data pribadi."
)
_V = TypeVar("_V")
QUARTERS = ("Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV")


def _plan_of(result: Mapping[str, Any]) -> tuple[PlannedActivity, ...]:
    """The plan's activities, and those it proposes for the agency to arrange."""
    plan = result["plan"]
    return tuple(
        PlannedActivity(
            activity_id=item.get("activity_id"),
            competency=item["competency"],
            level=item["level"],
            category=item["category"],
            form=item.get("form"),
            activity=item["activity"],
            jp=item["jp"],
            by_agency=by_agency,
        )
        for key, by_agency in (("items", False), ("agency", True))
        for item in plan.get(key) or ()
    )


def mean_hundredths(total: int, count: int) -> float | None:
    """``total / count`` rounded half up to 2 decimals, exactly (integers, no float ties), as
    ``bench/recap.sql`` computes it; ``None`` when ``count`` is 0."""
    if not count:
        return None
    return (200 * total + count) // (2 * count) / 100


def _stats(view: Dictionary, entries: Sequence[Entry], min_group: int = 1) -> list[dict[str, Any]]:
    """Per competency: respondents, below/at/above/no target, level counts and the mean gap.
    A technical competency's row is left out when fewer than ``min_group`` people were assessed
    on it: inside a unit those few are the holders of one position, as easy to name as a small
    group."""
    rows = []
    for index, competency in enumerate(view.competencies):
        # A technical competency counts only the people whose position lists it.
        assessed = [pair for entry in entries if (pair := entry.levels[index]) is not None]
        if competency.id in view.technical and len(assessed) < max(min_group, 1):
            continue
        counts = Counter({str(level): 0 for level in range(view.max_level + 1)})
        below = at = above = none = gap_sum = 0
        for estimated, target in assessed:
            counts[str(estimated)] += 1
            if target is None:
                none += 1
            elif estimated < target:
                below += 1
                gap_sum += target - estimated
            elif estimated == target:
                at += 1
            else:
                above += 1
        with_target = below + at + above
        rows.append(
            {
                "id": competency.id,
                "name": competency.name,
                "respondents": len(assessed),
                "below_target": below,
                "at_target": at,
                "above_target": above,
                "no_target": none,
                "level_counts": dict(counts),
                "mean_gap": mean_hundredths(gap_sum, with_target),
            }
        )
    return rows


def _groups(
    view: Dictionary, entries: Iterable[Entry], key: str, min_group: int
) -> list[dict[str, Any]]:
    """The per-competency numbers for each unit (or position); small groups are hidden."""
    grouped: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        grouped[getattr(entry, key)].append(entry)
    groups: list[dict[str, Any]] = []
    for label in sorted(grouped):
        members = grouped[label]
        if len(members) < min_group:
            groups.append({key: label, "respondents": f"< {min_group}", "competencies": None})
        else:
            groups.append(
                {
                    key: label,
                    "respondents": len(members),
                    "competencies": _stats(view, members, min_group),
                }
            )
    return groups


def _activities(
    view: Dictionary, entries: Iterable[Entry], group_size: int
) -> list[dict[str, Any]]:
    """For each catalogue activity and (competency, level): how many people's plans hold it."""
    people: Counter[tuple[Any, ...]] = Counter()
    jp: Counter[tuple[Any, ...]] = Counter()
    for entry in entries:
        seen = set()
        for item in entry.plan:
            if item.form is None:
                continue  # no catalogue activity: the person designs one with their superior
            key = (item.competency, item.level, item.activity_id or "", item.activity)
            jp[key] += item.jp
            if key not in seen:
                seen.add(key)
                people[key] += 1
    details = {
        (i.competency, i.level, i.activity_id or "", i.activity): i
        for entry in entries
        for i in entry.plan
    }
    rank = {competency.id: index for index, competency in enumerate(view.competencies)}
    ordered = sorted(people, key=lambda k: (-people[k], rank.get(k[0], 0), k[1], k[2], k[3]))
    return [
        {
            "activity_id": details[key].activity_id,
            "activity": details[key].activity,
            "competency": key[0],
            "level": key[1],
            "category": details[key].category,
            "form": details[key].form,
            "arranged_by_agency": details[key].by_agency,
            "employees": people[key],
            "jp": jp[key],
            "classes": -(-people[key] // group_size),
        }
        for key in ordered
    ]


def annual_plan(view: Dictionary, entries: Iterable[Entry]) -> list[dict[str, Any]]:
    """The yearly plan table: one row per (competency, level, form, category).

    Rows are ordered by participants (most first); quarters are filled in that order so each
    holds about a quarter of the total JP: the activities most people need come first.
    """
    people: Counter[tuple[str, int, str, str, bool]] = Counter()
    jp: Counter[tuple[str, int, str, str, bool]] = Counter()
    for entry in entries:
        seen = set()
        for item in entry.plan:
            if item.form is None:
                continue
            key = (item.competency, item.level, item.form, item.category, item.by_agency)
            jp[key] += item.jp
            if key not in seen:
                seen.add(key)
                people[key] += 1
    rank = {competency.id: index for index, competency in enumerate(view.competencies)}
    ordered = sorted(people, key=lambda k: (-people[k], rank.get(k[0], 0), k[1], k[3], k[2], k[4]))
    total = sum(jp.values())
    rows = []
    before = 0
    for key in ordered:
        quarter = min(len(QUARTERS) - 1, len(QUARTERS) * before // total) if total else 0
        before += jp[key]
        rows.append(
            {
                "competency": key[0],
                "level": key[1],
                "form": key[2],
                "form_name": view.form_names.get(key[2], key[2]),
                "category": key[3],
                "arranged_by_agency": key[4],
                "participants": people[key],
                "jp_per_participant": round(jp[key] / people[key], 1),
                "total_jp": jp[key],
                "quarter": QUARTERS[quarter],
            }
        )
    return rows


class Recap:
    """An aggregate being built from result files, one :meth:`add` at a time."""

    def __init__(
        self,
        dictionary: Mapping[str, Any] | Dictionary,
        *,
        roster: Mapping[str, RosterPerson] | None = None,
        min_group: int = DEFAULT_MIN_GROUP,
        group_size: int = DEFAULT_GROUP_SIZE,
    ) -> None:
        # Every competency: each file is assessed for its own position (generator.engine.scope),
        # so a technical competency counts the people whose position lists it.
        self.view = read_dictionary(dictionary)
        self.roster: Mapping[str, RosterPerson] = roster or {}
        self.min_group = min_group
        self.group_size = group_size
        self.received = 0
        self.rejected: list[dict[str, str]] = []
        self._entries: dict[str, Entry] = {}
        # One shared copy of each equal value (a planned activity, a level pair, a unit name):
        # people share most of them, so a person costs little more than references.
        self._shared: dict[Any, Any] = {}

    def _share(self, value: _V) -> _V:
        shared: _V = self._shared.setdefault(value, value)
        return shared

    def reject(self, source: str, reason: str) -> None:
        """Count a file the caller could not even read (too large, unreadable)."""
        self.received += 1
        self.rejected.append({"file": source, "reason": reason})

    def add(self, source: str, data: bytes, modified: float = 0.0) -> bool:
        """Read one file's bytes; ``False`` when it was rejected (the reason is kept)."""
        self.received += 1
        try:
            respondent = read_result(source, data, self.view)
        except Rejected as error:
            self.rejected.append({"file": source, "reason": error.reason})
            return False
        entry = self._entry(respondent, modified)
        key = f"nip:{entry.nip}" if entry.nip else f"sha256:{respondent.digest}"
        older = self._entries.get(key)
        if older is None:
            self._entries[key] = entry
            return True
        kept, dropped = (
            (entry, older)
            if (modified, entry.order) >= (older.modified, older.order)
            else (older, entry)
        )
        self._entries[key] = kept
        same = entry.digest == older.digest
        reason = (
            _("duplicate: the same content as file {file}, which is newer and used")
            if same
            else _("duplicate: the same NIP as file {file}, which is newer and used")
        )
        self.rejected.append({"file": dropped.source, "reason": reason.format(file=kept.source)})
        return kept is entry

    def _entry(self, respondent: Respondent, modified: float) -> Entry:
        identity = respondent.identity
        listed = self.roster.get(respondent.nip or "")
        position = (
            self.view.position_names.get(respondent.position or "")
            or identity.get("position_title")
            or (listed.position if listed else "")
            or NOT_GIVEN
        )
        return Entry(
            source=respondent.source,
            digest=respondent.digest,
            modified=modified,
            order=self.received,
            nip=respondent.nip,
            name=identity.get("name") or (listed.name if listed else None),
            unit=self._share(identity.get("unit") or (listed.unit if listed else "") or NOT_GIVEN),
            position=self._share(position),
            levels=self._share(self._levels(respondent.result)),
            plan=tuple(self._share(item) for item in _plan_of(respondent.result)),
            stored_differs=respondent.stored_differs,
        )

    def _levels(self, result: Mapping[str, Any]) -> tuple[tuple[int, int | None] | None, ...]:
        """(estimated, target) per competency of the dictionary; None where the person's
        position does not list a technical competency."""
        by_id = {c["id"]: (c["estimated"], c["target"]) for c in result["competencies"]}
        return tuple(
            None if (pair := by_id.get(c.id)) is None else self._share(pair)
            for c in self.view.competencies
        )

    def entries(self) -> list[Entry]:
        """The people kept, in the order their files were given."""
        return sorted(self._entries.values(), key=lambda entry: entry.order)

    def summary(self, *, detail: bool = False) -> dict[str, Any]:
        """The recap as JSON-ready data (the contract in ``content/panduan/rekap.md``)."""
        entries = self.entries()
        jp_demand = {category.id: 0 for category in self.view.categories}
        for entry in entries:
            for item in entry.plan:
                if not item.by_agency:  # outside the allowance: listed in activities only
                    jp_demand[item.category] = jp_demand.get(item.category, 0) + item.jp
        submitted = {entry.nip for entry in entries if entry.nip}
        missing = [
            {"nip": person.nip, "unit": person.unit or NOT_GIVEN}
            | ({"name": person.name, "position": person.position} if detail else {})
            for person in self.roster.values()
            if person.nip not in submitted
        ]
        summary: dict[str, Any] = {}
        if detail:
            summary["personal_data"] = PERSONAL_DATA_NOTICE
        summary |= {
            "format": RECAP_FORMAT,
            "format_version": RECAP_FORMAT_VERSION,
            "standards_version": self.view.standards_version,
            "respondents": len(entries),
            "files": {
                "received": self.received,
                "used": len(entries),
                "rejected": len(self.rejected),
                "stored_result_differs": sum(entry.stored_differs for entry in entries),
            },
            "settings": {"min_group": self.min_group, "group_size": self.group_size},
            "competencies": _stats(self.view, entries),
            "units": _groups(self.view, entries, "unit", self.min_group),
            "positions": _groups(self.view, entries, "position", self.min_group),
            "jp_demand": jp_demand,
            "activities": _activities(self.view, entries, self.group_size),
            "annual_plan": annual_plan(self.view, entries),
            "missing": missing,
            "rejected": list(self.rejected),
        }
        if detail:
            summary["people"] = [dict(row) for row in people_rows(self.view, entries)]
        return summary

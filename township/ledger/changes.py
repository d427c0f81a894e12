"""What an import preview says of a row beyond its errors: the fields an update changes, whether the row is
held back for the clerk's tick, and the stored namesakes a new row may be matched to; and the choices the
clerk makes in the preview (township.ledger.resources reads them, township.ledger.importer reports them)."""

from dataclasses import dataclass, field

from township.numbers import plain_int

CONFIRM_FIELD = "confirm_row"  # a ticked held-back row: its Excel row number
MATCH_PREFIX = "match_"  # match_<Excel row> = the id of the stored record the new row is


@dataclass(frozen=True)
class Change:
    column: str
    old: object
    new: object
    identity: bool = False  # whose, where or when the record is (LedgerResource.identity_fields)


@dataclass
class RowNote:
    changes: list[Change] = field(default_factory=list)
    held: bool = False
    namesakes: list[tuple[int, str]] = field(default_factory=list)  # (record id, how to tell it apart)
    matched: int | None = None


@dataclass
class ImportChoices:
    confirmed_rows: set[int] = field(default_factory=set)
    matches: dict[int, int] = field(default_factory=dict)

    @classmethod
    def from_data(cls, data) -> "ImportChoices":
        """The choices posted with the confirmation (a QueryDict); anything not a number is ignored."""
        confirmed = {row for row in map(plain_int, data.getlist(CONFIRM_FIELD)) if row is not None}
        matches = {}
        for key, value in data.items():
            row, record = plain_int(key.removeprefix(MATCH_PREFIX)), plain_int(value)
            if key.startswith(MATCH_PREFIX) and row is not None and record is not None:
                matches[row] = record
        return cls(confirmed, matches)

    def to_json(self) -> dict:
        """For a confirmation the task worker imports (township.tasks)."""
        return {"confirmed_rows": sorted(self.confirmed_rows), "matches": {str(k): v for k, v in self.matches.items()}}

    @classmethod
    def from_json(cls, data: dict) -> "ImportChoices":
        return cls({int(row) for row in data.get("confirmed_rows", [])},
                   {int(row): int(pk) for row, pk in data.get("matches", {}).items()})

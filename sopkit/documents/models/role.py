"""Role — job description (岗位说明书)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field

from sopkit.documents.models.common import Document, Strict
from sopkit.documents.models.people import (
    Outside,
    Requirements,
    RequirementText,
    RoleRefs,
    TextOrList,
    refs,
)
from sopkit.documents.models.types import Number, RequiredText, Text, TextList, choice

FREQUENCY = choice(
    "often",
    "regular",
    "occasional",
    aliases={"频繁": "often", "经常": "regular", "偶尔": "occasional"},
)


class Duty(Strict):
    area: RequiredText | None = None
    description: RequiredText
    standard: Text | None = None
    kpi: TextOrList = None

    @property
    def kpi_list(self) -> list[str]:
        """The duty's indicators (one text or a list, as written)."""
        if self.kpi is None:
            return []
        return list(self.kpi) if isinstance(self.kpi, list) else [self.kpi]


class Kpi(Strict):
    name: RequiredText
    target: Text | None = None
    weight: Number | None = None


class Relation(Strict):
    party: RequiredText
    frequency: FREQUENCY | None = None
    purpose: Text | None = None


class Relations(Strict):
    internal: list[Relation] = []
    external: list[Relation] = []


class Qualifications(Strict):
    education: RequirementText | None = None
    major: RequirementText | None = None
    experience_years: Annotated[int, Field(ge=0)] | None = None
    experience: RequirementText | None = None
    skills: Requirements = []
    knowledge: Requirements = []
    abilities: Requirements = []
    training_history: Requirements = []
    languages: Requirements = []
    certificates: Requirements = []
    health: RequirementText | None = None
    traits: Requirements = []
    age: RequirementText | None = None
    gender: RequirementText | None = None
    other: RequirementText | None = None


class Conditions(Strict):
    workdays_per_week: Annotated[int, Field(ge=1, le=7)] | None = None
    hours: Text | None = None
    environment: Text | None = None
    intensity: Text | None = None
    hazards: Text | None = None


class Career(Strict):
    promotion: TextList = []
    lateral: TextList = []


# A draft may lack these (sopkit validate warns); a document in force needs them.
_IN_FORCE = {
    "if": {"properties": {"status": {"enum": ["draft", "草稿"]}}, "required": ["status"]},
    "else": {
        "required": ["department", "summary", "duties"],
        "properties": {"duties": {"minItems": 1}},
    },
}


class Role(Document):
    model_config = ConfigDict(json_schema_extra=_IN_FORCE)

    kind: Literal["role"]
    department: RequiredText | None = None
    grade: Text | None = None
    reports_to: RoleRefs = None
    subordinates: RoleRefs = None
    headcount: Annotated[int, Field(ge=1)] | None = None
    summary: RequiredText | None = None
    duties: list[Duty] = []
    authorities: TextList = []
    kpis: list[Kpi] = []
    relations: Relations | None = None
    qualifications: Qualifications | None = None
    conditions: Conditions | None = None
    career: Career | None = None
    training: TextList = []

    @property
    def superiors(self) -> list[str | Outside]:
        """Direct superiors as written: role ids (text) and roles outside the library."""
        return refs(self.reports_to)

    @property
    def superior_ids(self) -> list[str]:
        """The ``reports_to`` entries written as ids (roles of the library)."""
        return [s for s in self.superiors if isinstance(s, str)]

    @property
    def boss_id(self) -> str | None:
        """The first superior in the library (the reporting line a manual draws)."""
        return next(iter(self.superior_ids), None)

    @property
    def outside_subordinates(self) -> list[Any]:
        """Subordinates written in the document (``subordinates``), ids and titles."""
        return refs(self.subordinates)

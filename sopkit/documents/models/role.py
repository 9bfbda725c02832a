"""Role — job description (岗位说明书)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from sopkit.documents.models.common import Document, Strict
from sopkit.documents.models.types import Id, Number, RequiredText, Text, TextList, choice


class Duty(Strict):
    area: RequiredText
    description: RequiredText
    kpi: Text | None = None


class Kpi(Strict):
    name: RequiredText
    target: Text | None = None
    weight: Number | None = None


class Relation(Strict):
    party: RequiredText
    frequency: choice("often", "regular", "occasional") | None = None
    purpose: Text | None = None


class Relations(Strict):
    internal: list[Relation] = []
    external: list[Relation] = []


class Qualifications(Strict):
    education: Text | None = None
    major: Text | None = None
    experience_years: Annotated[int, Field(ge=0)] | None = None
    experience: Text | None = None
    skills: TextList = []
    languages: TextList = []
    certificates: TextList = []
    health: Text | None = None
    traits: TextList = []
    age: Text | None = None
    gender: Text | None = None
    other: Text | None = None


class Conditions(Strict):
    workdays_per_week: Annotated[int, Field(ge=1, le=7)] | None = None
    hours: Text | None = None
    environment: Text | None = None
    intensity: Text | None = None
    hazards: Text | None = None


class Career(Strict):
    promotion: TextList = []
    lateral: TextList = []


class Role(Document):
    kind: Literal["role"]
    department: RequiredText
    grade: Text | None = None
    reports_to: Id | None = None
    headcount: Annotated[int, Field(ge=1)] | None = None
    summary: RequiredText
    duties: Annotated[list[Duty], Field(min_length=1)]
    authorities: TextList = []
    kpis: list[Kpi] = []
    relations: Relations | None = None
    qualifications: Qualifications | None = None
    conditions: Conditions | None = None
    career: Career | None = None
    training: TextList = []

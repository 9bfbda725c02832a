"""Checklist — inspection sheet (检查表)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import Field

from sopkit.documents.itemtypes import DEFAULT_TYPE, ITEM_TYPES, ItemType, type_aliases
from sopkit.documents.models.common import Document, Strict
from sopkit.documents.models.types import (
    Duration,
    Id,
    IdList,
    Number,
    RequiredText,
    Text,
    choice,
)


class Grade(Strict):
    name: RequiredText
    min: Number


class Scoring(Strict):
    method: choice("percent", "deduct", aliases={"百分制": "percent", "扣分制": "deduct"}) = (
        "percent"
    )
    total: Annotated[Number, Field(gt=0)] = 100
    pass_: Number = Field(alias="pass")
    critical: choice("fail", "zero", aliases={"不合格": "fail", "零分": "zero"}) = "fail"
    grades: list[Grade] | None = None

    @property
    def maximum(self) -> float:
        """The best possible score: 100 for percent, ``total`` for deduct."""
        return self.total if self.method == "deduct" else 100


class Target(Strict):
    min: Number | None = None
    max: Number | None = None


class Item(Strict):
    id: Id
    text: RequiredText
    standard: Text | None = None
    type: choice(ITEM_TYPES, aliases=type_aliases) = DEFAULT_TYPE
    points: Number | None = None
    per: Annotated[Number, Field(gt=0)] | None = None
    unit: Text | None = None
    target: Target | None = None
    critical: bool = False
    step: Text | None = None
    fix_within: Duration | None = Field(None, description="Days to correct a failure: 7d, 2w.")

    @property
    def kind(self) -> ItemType:
        """The registered type of the item (:mod:`sopkit.documents.itemtypes`)."""
        return ITEM_TYPES[self.type]

    @property
    def scored(self) -> bool:
        return ITEM_TYPES[self.type].scored


class Section(Strict):
    title: RequiredText
    weight: Annotated[Number, Field(gt=0)] | None = None
    items: Annotated[list[Item], Field(min_length=1)]


class Checklist(Document):
    kind: Literal["checklist"]
    procedure: Id | None = None
    roles: IdList = []
    frequency: Text | None = None
    scoring: Scoring
    fix_within: Duration | None = Field(None, description="Days to correct a failure: 7d, 2w.")
    sections: Annotated[list[Section], Field(min_length=1)]

    def items(self) -> Iterator[tuple[Section, Item]]:
        for section in self.sections:
            for item in section.items:
                yield section, item

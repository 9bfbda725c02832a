"""Procedure — work instruction / SOP (作业指导书)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import Field

from sopkit.documents.models.common import Document, Strict
from sopkit.documents.models.types import Id, IdList, RequiredText, Text, TextList


class Record(Strict):
    """A record form the procedure produces (相关作业记录)."""

    id: Id
    title: RequiredText
    form_no: Text | None = None
    frequency: Text | None = None
    keeper: Id | None = None
    retention: Text | None = None


class Step(Strict):
    """A step, or a group of steps when ``steps`` is present."""

    id: Id | None = None
    title: Text | None = None
    text: Text | None = None
    role: IdList | None = None
    records: IdList | None = None
    standard: Text | None = None
    frequency: Text | None = None
    deadline: Text | None = None
    reviewer: Text | None = None
    upstream: Text | None = None
    downstream: Text | None = None
    steps: list[Step] | None = None


class StepView:
    """A step seen in place: display number, inherited roles, path in the document."""

    __slots__ = ("loc", "number", "roles", "step")

    def __init__(self, step: Step, number: str, roles: tuple[str, ...], loc: tuple):
        self.step = step
        self.number = number
        self.roles = roles
        self.loc = loc


class Procedure(Document):
    kind: Literal["procedure"]
    purpose: RequiredText
    scope: RequiredText
    references: TextList = []
    records: list[Record] = []
    steps: Annotated[list[Step], Field(min_length=1)]

    def step_ids(self) -> dict[str, StepView]:
        """Steps that have an ``id``, by id (first one wins), computed once."""
        cached = self.__dict__.get("_step_ids")
        if cached is None:
            cached = {}
            for view in self.walk():
                if view.step.id is not None:
                    cached.setdefault(view.step.id, view)
            self.__dict__["_step_ids"] = cached
        return cached

    def walk(self) -> Iterator[StepView]:
        """Every step depth-first, numbered 1, 1.1, 1.1.1 … by position."""

        def visit(steps, prefix, roles, loc):
            for i, step in enumerate(steps, 1):
                number = f"{prefix}{i}"
                own = tuple(step.role) if step.role else roles
                here = (*loc, i - 1)
                yield StepView(step, number, own, here)
                if step.steps:
                    yield from visit(step.steps, number + ".", own, (*here, "steps"))

        yield from visit(self.steps, "", (), ("steps",))

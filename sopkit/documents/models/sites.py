"""``sites.yaml`` at the root of a library: the sites inspected, their aliases and schedule."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from sopkit.documents.models.common import Strict
from sopkit.documents.models.types import Id, RequiredText, Text, TextList, choice


class Expected(Strict):
    """How many inspections of one checklist a site expects per period."""

    every: choice("week", "month") = "month"
    times: Annotated[int, Field(ge=1)] = 1


class Site(Strict):
    """One site (项目 / 站点)."""

    id: Id
    name: RequiredText
    aliases: TextList = []
    manager: Text | None = Field(None, description="Owner of this site's corrective actions.")
    schedule: dict[str, Expected] = Field(
        default_factory=dict, description="Checklist id: inspections expected per period."
    )

    def spellings(self) -> list[str]:
        """Every way a sheet may name this site: id, name, aliases."""
        return [self.id, self.name, *self.aliases]


class Sites(Strict):
    """The whole ``sites.yaml`` file."""

    sites: list[Site] = []

"""Pydantic models of the three document kinds and of ``sopkit.yaml``."""

from sopkit.models.checklist import Checklist, Item, Scoring, Section
from sopkit.models.common import Config, Document
from sopkit.models.procedure import Procedure, Step
from sopkit.models.role import Role

KINDS = {"role": Role, "procedure": Procedure, "checklist": Checklist}

__all__ = [
    "KINDS",
    "Checklist",
    "Config",
    "Document",
    "Item",
    "Procedure",
    "Role",
    "Scoring",
    "Section",
    "Step",
]

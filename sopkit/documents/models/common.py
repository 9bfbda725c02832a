"""Document control fields shared by every kind (文件控制)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from sopkit.documents.models.types import Date, Duration, Id, RequiredText, Text, Version, choice

Status = choice(
    "draft", "active", "retired", aliases={"草稿": "draft", "生效": "active", "作废": "retired"}
)


class Strict(BaseModel):
    """Base of every model: unknown keys are errors (``x-`` keys were dropped on load)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Approval(Strict):
    """编制 / 审核 / 批准."""

    prepared_by: Text | None = None
    reviewed_by: Text | None = None
    reviewed_on: Date | None = None
    approved_by: Text | None = None
    approved_on: Date | None = None
    fingerprint: Text | None = Field(
        None, description="Content fingerprint at approval; set by `sopkit approve`."
    )


class Revision(Strict):
    """One entry of the revision history (修订记录), newest first."""

    version: Version
    date: Date
    author: Text | None = None
    changes: RequiredText


class Document(Strict):
    """Fields every document carries."""

    kind: str
    id: Id
    title: RequiredText
    doc_no: Text | None = None
    version: Version
    effective: Date
    status: Status = "active"
    owner: Text | None = None
    review_every: Duration | None = Field(
        None, description="How often the document is reviewed: 1y, 6m, 2w, 90d."
    )
    approval: Approval | None = None
    revisions: list[Revision] | None = None


class Config(Strict):
    """``sopkit.yaml`` at the root of a library."""

    organization: Text | None = None
    locale: choice("zh-CN", "en", aliases={"中文": "zh-CN", "英文": "en"}) = "zh-CN"
    results: Text | None = Field(
        None, description="Results store: a path (relative to the library) or a database URL."
    )

"""Which site a sheet names: id, name or alias from sites.yaml, with did-you-mean."""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass

from sopkit.documents.models import Site, Sites


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().lower()


@dataclass
class SiteIndex:
    """Every spelling of every site (case, width and spaces do not matter)."""

    sites: list[Site]

    def __post_init__(self) -> None:
        self._by_key = {}
        for site in self.sites:
            for spelling in site.spellings():
                self._by_key.setdefault(_key(spelling), site)

    @classmethod
    def of(cls, sites: Sites | None) -> SiteIndex:
        return cls(list(sites.sites) if sites else [])

    @property
    def known(self) -> bool:
        """True when the library has a sites.yaml to check names against."""
        return bool(self.sites)

    def find(self, written: str | None) -> Site | None:
        return self._by_key.get(_key(written)) if written else None

    def suggest(self, written: str) -> str:
        spellings = [s for site in self.sites for s in site.spellings()]
        guess = difflib.get_close_matches(written.strip(), spellings, n=1, cutoff=0.5)
        if not guess:
            return ""
        site = self.find(guess[0])
        return f"{guess[0]} ({site.id})" if site and site.id != guess[0] else guess[0]

    def get(self, site_id: str) -> Site | None:
        return next((s for s in self.sites if s.id.lower() == site_id.lower()), None)

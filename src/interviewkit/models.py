"""Public path ``interviewkit.models``: re-exports ``interviewkit.model.models``.

The module moved to the model stage, ``interviewkit/model/``, when the package layout was made
to show the pipeline (issue 15). Documented code imports it by this name, so the name stays:
this module only re-exports the public names (``__all__``) of ``interviewkit.model.models``.
Nothing inside interviewkit imports it (the layers contract keeps it at the top).
"""

from __future__ import annotations

from interviewkit.model.models import LINK_KINDS as LINK_KINDS
from interviewkit.model.models import SECTION_KINDS as SECTION_KINDS
from interviewkit.model.models import Answer as Answer
from interviewkit.model.models import Anthology as Anthology
from interviewkit.model.models import ConcordanceSettings as ConcordanceSettings
from interviewkit.model.models import Credits as Credits
from interviewkit.model.models import Exchange as Exchange
from interviewkit.model.models import Image as Image
from interviewkit.model.models import IndexSettings as IndexSettings
from interviewkit.model.models import Interview as Interview
from interviewkit.model.models import Link as Link
from interviewkit.model.models import Part as Part
from interviewkit.model.models import Permission as Permission
from interviewkit.model.models import Person as Person
from interviewkit.model.models import PhotoCredit as PhotoCredit
from interviewkit.model.models import Portrait as Portrait
from interviewkit.model.models import Publication as Publication
from interviewkit.model.models import ReadingListSettings as ReadingListSettings
from interviewkit.model.models import RelatedPortrait as RelatedPortrait
from interviewkit.model.models import Section as Section
from interviewkit.model.models import Series as Series
from interviewkit.model.models import Speaker as Speaker

__all__ = [
    "LINK_KINDS",
    "SECTION_KINDS",
    "Answer",
    "Anthology",
    "ConcordanceSettings",
    "Credits",
    "Exchange",
    "Image",
    "IndexSettings",
    "Interview",
    "Link",
    "Part",
    "Permission",
    "Person",
    "PhotoCredit",
    "Portrait",
    "Publication",
    "ReadingListSettings",
    "RelatedPortrait",
    "Section",
    "Series",
    "Speaker",
]

"""Parse cable texts: the field parsers and `parse_cable`, usable on their own from a notebook.

>>> from cablescope.parse import canonical_id, parse_references
>>> canonical_id("05 RIO DE JAN 123")
'05RIODEJANEIRO123'
>>> parse_references("REF: A. PARIS 1501  B. 06 PARIS 5733", 2008)
['08PARIS1501', '06PARIS5733']

Each field parser takes the raw text as a cable has it (the whole text or just its header) and
never raises on odd input, except `canonical_id`, which raises ValueError for what is not an ID.
"""

from cablescope.parse.body import (
    count_redactions,
    is_partial,
    parse_comment,
    parse_signers,
    parse_summary,
)
from cablescope.parse.cable import parse_cable, parse_record
from cablescope.parse.classified import (
    ClassifiedBy,
    parse_classified_by,
    parse_classified_by_details,
)
from cablescope.parse.header import (
    Banner,
    Subject,
    find_banner,
    parse_recipients,
    parse_subject,
    parse_subject_details,
)
from cablescope.parse.ids import canonical_id, is_canonical_id, post_code
from cablescope.parse.markings import normalize_marking
from cablescope.parse.model import Cable, Paragraph, Recipient, Reference
from cablescope.parse.paragraphs import find_headings, find_paragraph_starts, split_paragraphs
from cablescope.parse.posts import PostMatch, resolve_post
from cablescope.parse.refs import parse_reference_list, parse_references
from cablescope.parse.tags import classify_tag, parse_tags, split_tags

__all__ = [
    "Banner",
    "Cable",
    "ClassifiedBy",
    "Paragraph",
    "PostMatch",
    "Recipient",
    "Reference",
    "Subject",
    "canonical_id",
    "classify_tag",
    "count_redactions",
    "find_banner",
    "find_headings",
    "find_paragraph_starts",
    "is_canonical_id",
    "is_partial",
    "normalize_marking",
    "parse_cable",
    "parse_classified_by",
    "parse_classified_by_details",
    "parse_comment",
    "parse_recipients",
    "parse_record",
    "parse_reference_list",
    "parse_references",
    "parse_signers",
    "parse_subject",
    "parse_subject_details",
    "parse_summary",
    "parse_tags",
    "post_code",
    "resolve_post",
    "split_paragraphs",
    "split_tags",
]

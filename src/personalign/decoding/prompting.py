"""Preference prompting: the preference goes into the system turn as delimited data.

The template and its sanitizer live in `personalign.models.preference_block`, shared with the PersRM's
"system-block" template; this module keeps the names decoding has always exported.
"""
from personalign.models.preference_block import (
    PREFERENCE_SYSTEM_TEMPLATE,
    preference_system_prompt,
    sanitize_preference,
)

__all__ = ["PREFERENCE_SYSTEM_TEMPLATE", "preference_system_prompt", "sanitize_preference"]

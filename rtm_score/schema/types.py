"""Building blocks of the data files' models: a strict base, common field types, custom errors."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError


class Strict(BaseModel):
    """No unknown keys, no silent type coercion ("1" is not 1), surrounding spaces dropped."""

    model_config = ConfigDict(extra="forbid", strict=True, str_strip_whitespace=True)


def fail(message: str, hint: str = "") -> PydanticCustomError:
    """A validation error of our own wording; the validator shows ``message`` and ``hint``."""
    return PydanticCustomError("rtm", "{message}", {"message": message, "hint": hint})


Text = Annotated[str, Field(min_length=1)]
"""Non-empty text."""
Unit = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
"""A number from 0 to 1."""

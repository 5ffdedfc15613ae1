"""A profile's data checked against its schema (:mod:`.schema`) through the shared validator
(:mod:`rtm_score.schema`), and built into a :class:`BrandProfile`."""

from __future__ import annotations

from collections.abc import Mapping

from ..errors import ProfileError
from ..schema import Context, KeyPath, Marks, Spec, describe, invalid, line_of, validate
from .model import (
    BrandDate,
    BrandProfile,
    Keyword,
    Platform,
    Play,
    Product,
    ProfileProblem,
    Thresholds,
    Voice,
)
from .schema import _ProfileModel


def _strip_union_tags(parts: list[str | int]) -> list[str | int]:
    # pydantic puts the union member in the location: keywords.list.0.object.weight
    if parts[:1] == ["keywords"] and len(parts) > 1 and parts[1] in ("list", "mapping"):
        del parts[1]
    if len(parts) > 2 and parts[0] in ("keywords", "products") and parts[2] in ("text", "object"):
        del parts[2]
    return parts


SPEC = Spec(
    root=_ProfileModel,
    expected={
        "keywords": "a list of keywords or a mapping of keyword to weight",
        "keyword_item": "a keyword (text) or a mapping with 'term' and 'weight'",
        "product_item": "a product name (text) or a mapping with 'name', 'description', 'keywords'",
    },
    missing={
        "name": "add a line like `name: Crunchwell Snacks`",
        "term": "write the keyword as `term: chips`",
        "date": 'add `date: "MM-DD"` (every year) or `date: "YYYY-MM-DD"` (once)',
    },
    textual=frozenset({"keyword_item", "product_item"}),
    units=frozenset({"thresholds"}),
    strip=_strip_union_tags,
)


def check_data(data: object, ctx: Context) -> tuple[_ProfileModel | None, list[ProfileProblem]]:
    if not isinstance(data, dict):
        return None, [
            ProfileProblem(
                f"expected a mapping of keys (name, keywords, ...) at the top level, "
                f"got {describe(data, ctx.syntax)}",
                source=ctx.source,
                line=ctx.marks.lines.get(()),
                hint="start the file with `name: Your Brand`; run `rtm-score init -` for a sample",
            )
        ]
    model, problems = validate(_ProfileModel, data, ctx, SPEC)
    if model is not None:
        problems += _duplicate_plays(model, ctx)
    if not any(data.get(k) for k in ("keywords", "products")) and not (
        str(data.get("description") or "").strip()
    ):
        problems.append(
            ProfileProblem(
                "nothing to match topics against: no keywords, products or description",
                source=ctx.source,
                hint="add `keywords:` (a list of terms), `products:` or a `description:`",
            )
        )
    return model, problems


def _duplicate_plays(model: _ProfileModel, ctx: Context) -> list[ProfileProblem]:
    """A play id used twice (the second one is reported, where it is written)."""
    seen: set[str] = set()
    out = []
    for i, play in enumerate(model.plays):
        if play.id in seen:
            out.append(
                ProfileProblem(
                    f"two plays have the id {play.id!r}",
                    source=ctx.source,
                    key_path=f"plays[{i}].id",
                    line=line_of(("plays", i, "id"), ctx.marks.lines),
                    hint="give each play its own id",
                )
            )
        seen.add(play.id)
    return out


def to_profile(m: _ProfileModel, source: str) -> BrandProfile:
    if isinstance(m.keywords, dict):
        keywords = tuple(Keyword(t, float(w)) for t, w in m.keywords.items())
    else:
        keywords = tuple(
            Keyword(k) if isinstance(k, str) else Keyword(k.term, float(k.weight))
            for k in m.keywords
        )
    products = tuple(
        Product(p) if isinstance(p, str) else Product(p.name, p.description, tuple(p.keywords))
        for p in m.products
    )

    def unique(items: list[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(items))

    return BrandProfile(
        name=m.name,
        description=m.description,
        keywords=keywords,
        products=products,
        voice=Voice(m.voice.tone, unique(m.voice.topics), unique(m.voice.avoid)),
        regions=unique(m.regions),
        off_limits=tuple(m.off_limits),
        competitors=tuple(m.competitors),
        aliases=unique(m.aliases),
        thresholds=Thresholds(
            float(m.thresholds.engage), float(m.thresholds.skip), float(m.thresholds.never)
        ),
        dates=tuple(
            BrandDate(d.name, d.date, unique(d.regions), tuple(d.keywords), d.window_days)
            for d in m.dates
        ),
        plays=tuple(
            Play(
                p.id,
                unique(p.moments),
                p.angle,
                unique(p.events),
                unique(p.territories),
                p.starts or "",
                p.ends or "",
                p.approved_by,
                p.approved_until or "",
            )
            for p in m.plays
        ),
        platform=Platform(
            unique(m.platform.slogans),
            unique(m.platform.mascots),
            unique(m.platform.sponsorships),
            unique(m.platform.moments),
        ),
        source=source,
    )


def parse_profile(
    data: object,
    *,
    source: str = "<profile>",
    lines: Mapping[KeyPath, int] | None = None,
    scalars: Mapping[KeyPath, str] | None = None,
    syntax: str = "",
) -> BrandProfile:
    """Validate already-parsed profile data and build a :class:`BrandProfile`.

    Args:
        data: what ``yaml.safe_load``, ``json.load`` or ``tomllib`` returned.
        source: the file name used in messages.
        lines: 1-based line of each key path, to point messages at.
        scalars: the raw text of scalar values by key path, for "quote this value" hints.
        syntax: ``"YAML"``, ``"JSON"`` or ``"TOML"``, used in messages.

    Raises:
        ProfileError: holding every problem found, not just the first.
    """
    ctx = Context(source, Marks(lines or {}, scalars or {}), syntax)
    model, problems = check_data(data, ctx)
    if problems or model is None:
        raise invalid(ProfileError, "brand profile", source, problems)
    return to_profile(model, source)

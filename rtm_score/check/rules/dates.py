"""RTM101, RTM102, RTM103: promotion on a solemn or caution date of the post's region, and a
remembrance message that names a product."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...vocab.regions import country
from ..models import Finding, Rule, Severity
from ..when import local_time_text
from .base import Context, Row, RowCheck, Terms, day_text, finding

SOLEMN = Rule(
    "RTM101",
    "promotion-on-solemn-date",
    Severity.ERROR,
    "Promotion on a solemn date of the post's region",
    "The copy is promotional (sale, % off, coupon, shop now, ...) and goes out, in the "
    "region's local time, on a solemn observance such as 9/11 in the US or Remembrance Day "
    "in Canada. Move the post to the suggested day or drop the promotion; a respectful, "
    "non-promotional remembrance message is fine.",
)
CAUTION = Rule(
    "RTM102",
    "promotion-on-caution-date",
    Severity.WARNING,
    "Promotion on a caution date of the post's region",
    "The copy is promotional and goes out on an observance where sales are customary but "
    "the day is not about shopping (Veterans Day in the US, Good Friday). Keep the copy "
    "about the offer, not the day, or move it.",
)
PRODUCT = Rule(
    "RTM103",
    "product-in-remembrance",
    Severity.WARNING,
    "A remembrance message names a product",
    "The copy is about a solemn observance and names one of the brand's products: even "
    "without a discount, a product beside a tragedy reads as a tie-in. Remove the product.",
)
RULES = (SOLEMN, CAUTION, PRODUCT)
FEED = False


def make(context: Context) -> RowCheck:
    """The date rules for one brand: its calendar and its product names."""
    products = Terms.build((p.name for p in context.profile.products), context.words)
    observances = context.observances

    def promo_finding(row: Row, obs: Any, regions: list[str], region: str, day: dt.date) -> Finding:
        where = f" in {', '.join(regions)}" if regions else ""
        when = local_time_text(row.post, region)
        evidence = f"{row.promo!r} in the copy; {when} is {obs.name}{where}"
        if obs.severity == "solemn":
            clear = observances.next_clear_day(day, [country(r) for r in regions])
            return finding(
                SOLEMN,
                row.post,
                subject=f"observance:{obs.id}",
                message=f"promotional post on {obs.name}{where}, a solemn date",
                evidence=evidence,
                hint=f"move it to {day_text(clear)} or drop the promotion",
            )
        after = obs.date + dt.timedelta(days=obs.window_after + 1)
        return finding(
            CAUTION,
            row.post,
            subject=f"observance:{obs.id}",
            message=f"promotional post on {obs.name}{where}",
            evidence=evidence,
            hint=f"keep the copy about the offer, not the day, or move it to {day_text(after)}",
        )

    def check(row: Row) -> list[Finding]:
        out: list[Finding] = []
        if row.promo:
            hits: dict[str, tuple[Any, list[str], str, dt.date]] = {}
            for region, day in row.days:
                for obs in observances.on(day, [country(region)] if region else []):
                    if obs.id not in hits:
                        hits[obs.id] = (obs, [], region, day)
                    if region:
                        hits[obs.id][1].append(region)
            for obs, regions, region, day in hits.values():
                out.append(promo_finding(row, obs, regions, region, day))
        solemn = [o for o in row.about if o.severity == "solemn"]
        if solemn and not row.promo:
            out.extend(
                finding(
                    PRODUCT,
                    row.post,
                    subject=f"product:{product.casefold()}",
                    message=f"remembrance message for {solemn[0].name} names the product "
                    f"{product!r}",
                    evidence=f"{product!r} in copy about {solemn[0].name}",
                    hint=f"remove {product!r}: keep a remembrance message free of products",
                )
                for product in products.find(row.words)
            )
        return out

    return check

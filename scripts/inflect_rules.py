#!/usr/bin/env python3
"""Write the verb inflections that let phrase rules match every form of their verbs.

    python scripts/inflect_rules.py        # writes rtm_score/data/signals/inflections.json

A rule file writes a phrase once ("passed away", "took his own life"); a headline says "passes
away" or "takes his own life". For every word of a multi-word phrase term or exception of the
packaged rule files that is written as an inflected verb ("passed", "took", "dies": past,
participle or third person, as lemminflect's English tables know them; MIT, tables shipped in
its package), this records all its verb forms; a base or -ing form, or a word that is also a
plural noun, is left alone, since in a phrase it is as often a noun ("air strike", "mass
shooting", "lost their lives"). Scoring reads the table and matches
each phrase with any one of its verbs inflected; it never imports lemminflect (0.8 s to load),
so the table is generated here and packaged. ``rule_words_sha256`` records which words the
table was made from: a test fails when the rule files change and the table was not rebuilt.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rtm_score.sensitivity.inflect import OUT, rule_words, words_digest  # noqa: E402


def main() -> None:
    from lemminflect import getAllInflections, getAllLemmas

    words = rule_words()
    forms: dict[str, list[str]] = {}
    for word in words:
        known = getAllLemmas(word)
        lemmas = known.get("VERB", ())
        # Only a word written as an inflected verb ("passed", "took") is read as one: a base or
        # -ing form in a phrase is as often a noun ("air strike", "mass shooting"), and so is a
        # word that is also a plural noun ("lost their lives" must not become "... living").
        plural = any(lemma != word for lemma in known.get("NOUN", ()))
        if word.endswith("ing") or plural or all(lemma == word for lemma in lemmas):
            continue
        siblings = {word}
        for lemma in lemmas:
            for group in getAllInflections(lemma, upos="VERB").values():
                siblings.update(group)
        if len(siblings) > 1:
            forms[word] = sorted(siblings)
    out = {
        "source": "lemminflect (MIT, https://github.com/bjascob/LemmInflect): the verb forms "
        "of each word of the packaged rule files' multi-word phrase terms and exceptions",
        "generated_by": "scripts/inflect_rules.py",
        "library": {"lemminflect": __import__("lemminflect").__version__},
        "rule_words_sha256": words_digest(words),
        "examples": {"passed away": "passes away", "took his own life": "takes his own life"},
        "forms": forms,
    }
    path = ROOT / "rtm_score" / "data" / OUT
    path.write_text(json.dumps(out, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    print(f"{len(forms)} verbs of {len(words)} words -> {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

"""Shared vocabularies: the one region table (:mod:`.regions`) and brand territories
(:mod:`.territories`)."""

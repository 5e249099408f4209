"""spacy train --code: registers warta_name_lists (warta/nlp/namelists.py)."""
import warta.nlp.namelists  # noqa: F401

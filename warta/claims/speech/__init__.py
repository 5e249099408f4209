"""Reported speech in Indonesian news: direct quotes (quote marks), indirect quotes
(speech verbs, "menurut"), and who said them.

    marks.py        quote-mark spans (paired, multi-paragraph, apostrophe-safe)
    lexicon.py      cue verbs and speaker words, read from warta/claims/data/quote_*.tsv
    text.py         word tokens and sentence spans the rules walk over
    people.py       person names the NER missed (capitalised runs, confirmed short names)
    speakers.py     the speaker noun phrase around a cue, and what it resolves to
    attribution.py  direct-quote attribution and indirect-quote extraction
    standing.py     public figure or member of the public (Quote.speaker_standing)

``warta.claims.quotes.annotate`` composes them on a Document.

Choices (measured with ``warta evaluate quotes``):
- Rules, not a trained model: no Indonesian attribution model ships offline, and
  PFSA-ID's training splits are not available; the rules reach F1 0.91-0.94 on PFSA-ID
  dev-40 direct statements without training on it (med-dev-20: 0.91-0.93).
- A partial quote governed by a speech verb at most 8 words before it is the verb
  subject's words ("Blinken menyatakan bahwa 'lebih banyak hal'"); deeper in a clause a
  quoted term is the writer's ("... terhadap “pertumpahan darah”") and is not reported.
- One record per attribution: a reported clause whose quoted words the same verb governs
  becomes the direct quote; "X mengatakan A, menambahkan B" is one indirect quote, and a
  speech verb inside a reported clause is part of that report, not a second quote.
- Pronouns ("Dia", "-nya") go to the most recent person in subject position or quoted
  as a speaker; names the NER misses come from capitalised runs, trusted when a short
  form stands alone elsewhere ("Yusri mengatakan"), which fixed ~8 points of PFSA-ID
  speaker accuracy while the NER knows few local names.
- PFSA-ID annotates public figures only, so its scorer reports every direct quote
  ("all": citizens' quotes count as false positives) and the corpus' scope ("public").
"""

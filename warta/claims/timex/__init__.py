"""Indonesian time expressions: lexicon (names from dateparser's locale data), patterns
(finding candidates) and resolve (ISO values against the publication date or context).
The dates claims stage (warta.claims.dates) composes them."""

"""Views across stored articles (not one article's stages): the entity catalogue
(``entities``), checks of extracted figures against official counts (``checks``), outlet
profiles (``outlets``); stories and timelines are to come here too."""

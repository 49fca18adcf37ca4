"""Records: the kinds of record (``kinds``), what every record shares (``store``), and one module
per kind: sessions, community models, commendations, catalogues, units, ratings, pledges; lists
(``listing``) and import/export files (``transfer``)."""

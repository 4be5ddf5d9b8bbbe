// Projects active in a year: started that year or before and not ended before it.
// @param year: integer  a year, e.g. 2017
MATCH (p:Project)
WHERE p.start IS NOT NULL AND date(p.start).year <= $year AND (p.end IS NULL OR date(p.end).year >= $year)
RETURN p.name AS project, p.start AS start, p.end AS end,
       COUNT { (p)<-[:OWNS|PARTICIPATES_IN|CO_FUNDS]-() } AS partners
ORDER BY start, project

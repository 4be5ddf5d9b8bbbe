// Actors of a county and the number of projects each owns, takes part in or co-funds.
// @param county: string  two-digit county code, e.g. "20" for Dalarna
MATCH (a:Municipality|Agency|Organization)-[:IN_COUNTY]->(:County {code: $county}),
      (a)-[:OWNS|PARTICIPATES_IN|CO_FUNDS]->(p:Project)
RETURN a.name AS actor, labels(a)[0] AS kind, count(DISTINCT p) AS projects
ORDER BY projects DESC, actor

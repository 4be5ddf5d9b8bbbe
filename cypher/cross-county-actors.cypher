// Actors whose projects involve municipalities of more than one county.
MATCH (a:Municipality|Agency|Organization)-[:OWNS|PARTICIPATES_IN|CO_FUNDS]->(p:Project)
      <-[:OWNS|PARTICIPATES_IN|CO_FUNDS]-(m:Municipality)
WITH a, collect(DISTINCT m.county_code) AS counties
WHERE size(counties) > 1
RETURN a.name AS actor, counties ORDER BY size(counties) DESC, actor

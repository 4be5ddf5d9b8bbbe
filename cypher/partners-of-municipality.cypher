// Partner municipalities of a municipality, with the projects they share.
// @param code: string  SCB code of the municipality, e.g. "0780" for Växjö
MATCH (m:Municipality {code: $code})-[:OWNS|PARTICIPATES_IN|CO_FUNDS]->(p:Project)
      <-[:OWNS|PARTICIPATES_IN|CO_FUNDS]-(other:Municipality)
WHERE other <> m
WITH other, collect(DISTINCT p.name) AS projects
RETURN other.code AS code, other.name AS partner, size(projects) AS shared_projects, projects
ORDER BY shared_projects DESC, partner

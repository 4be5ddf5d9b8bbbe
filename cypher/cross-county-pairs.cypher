// Pairs of municipalities in different counties that share projects, most shared first.
MATCH (a:Municipality)-[:OWNS|PARTICIPATES_IN|CO_FUNDS]->(p:Project)<-[:OWNS|PARTICIPATES_IN|CO_FUNDS]-(b:Municipality)
WHERE a.county_code < b.county_code
RETURN a.name AS municipality, a.county_code AS county, b.name AS partner, b.county_code AS partner_county,
       count(DISTINCT p) AS shared_projects, collect(DISTINCT p.name) AS projects
ORDER BY shared_projects DESC, municipality, partner

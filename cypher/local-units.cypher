// Local units of agencies (and departments of municipalities), what they are part of, and their projects.
MATCH (unit)-[:PART_OF]->(parent)
OPTIONAL MATCH (unit)-[r:OWNS|PARTICIPATES_IN|CO_FUNDS]->(p:Project)
RETURN parent.name AS part_of, unit.name AS unit, unit.county_code AS county,
       collect(DISTINCT p.name) AS projects
ORDER BY part_of, unit

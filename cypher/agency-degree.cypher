// National agencies by the projects they and their local units take part in, own or co-fund.
MATCH (agency:Agency) WHERE NOT EXISTS { (agency)-[:PART_OF]->(:Agency) }
OPTIONAL MATCH (unit:Agency)-[:PART_OF]->(agency)
WITH agency, [agency] + collect(unit) AS parts
UNWIND parts AS part
OPTIONAL MATCH (part)-[:OWNS|PARTICIPATES_IN|CO_FUNDS]->(p:Project)
RETURN agency.name AS agency, size(parts) - 1 AS local_units, count(DISTINCT p) AS projects
ORDER BY projects DESC, agency

// Grants per fund and county: the projects of each county (through the municipalities that take part) and the
// grants on FUNDS; a project in two counties counts in each.
MATCH (f:Fund)-[g:FUNDS]->(p:Project)<-[:OWNS|PARTICIPATES_IN|CO_FUNDS]-(:Municipality)-[:IN_COUNTY]->(c:County)
WITH DISTINCT f, c, p, g
RETURN f.name AS fund, f.programme AS programme, c.name AS county, count(p) AS projects,
       sum(coalesce(g.amount_sek, 0)) AS granted_sek
ORDER BY fund, granted_sek DESC, county

// Grants per fund: number of projects and the sum of the amounts the sources state.
MATCH (f:Fund)-[r:FUNDS]->(p:Project)
RETURN f.name AS fund, f.programme AS programme, count(p) AS projects,
       sum(coalesce(r.amount_sek, 0)) AS stated_amount_sek
ORDER BY stated_amount_sek DESC

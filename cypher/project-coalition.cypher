// Everyone around one project: owner, participants with their roles, funders and amounts.
// @param id: string  project id, e.g. "project:integration-pa-g"
MATCH (p:Project {id: $id})<-[r:OWNS|PARTICIPATES_IN|FUNDS|CO_FUNDS]-(actor)
RETURN actor.name AS actor, labels(actor)[0] AS kind, type(r) AS relationship, r.role AS role,
       r.amount_sek AS amount_sek, r.sources AS sources, r.evidence AS evidence
ORDER BY relationship, actor

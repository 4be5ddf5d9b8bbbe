// Everyone around one project: owner, participants with their roles, funders and amounts.
// @param id: string  project id, e.g. "project:integration-pa-g"
MATCH (p:Project {id: $id})<-[r]-(actor:Entity)
WHERE type(r) IN ['OWNS', 'PARTICIPATES_IN', 'FUNDS', 'CO_FUNDS']
RETURN actor.name AS actor, [l IN labels(actor) WHERE l <> 'Entity'][0] AS kind,
       type(r) AS relationship, r.role AS role, r.amount_sek AS amount_sek, r.sources AS sources
ORDER BY relationship, actor

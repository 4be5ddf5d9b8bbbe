// Co-funders of projects, largest stated contribution first.
// @param limit: integer  how many rows, e.g. 25
MATCH (actor)-[r:CO_FUNDS]->(p:Project)
RETURN actor.name AS co_funder, p.name AS project, r.amount_sek AS amount_sek
ORDER BY amount_sek IS NULL, amount_sek DESC, co_funder
LIMIT toInteger($limit)

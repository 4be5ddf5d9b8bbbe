// Co-funders shared by two projects: each pair of projects and the actors that co-fund both.
MATCH (p:Project)<-[:CO_FUNDS]-(actor)-[:CO_FUNDS]->(q:Project)
WHERE p.id < q.id
RETURN p.name AS project, q.name AS other_project, collect(DISTINCT actor.name) AS shared_co_funders,
       count(DISTINCT actor) AS shared
ORDER BY shared DESC, project, other_project

// Who takes part in which projects, in what role: each role, its projects and the actors in it.
MATCH (a)-[r:PARTICIPATES_IN]->(p:Project)
RETURN r.role AS role, p.name AS project, count(a) AS actors, collect(a.name) AS names
ORDER BY role, project

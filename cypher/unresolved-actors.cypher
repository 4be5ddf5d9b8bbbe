// Actors the sources leave ambiguous (resolved = false), with the projects that name them.
MATCH (o:Organization {resolved: false})-[r]->(p:Project)
RETURN o.id AS id, o.name AS name, type(r) AS relationship, p.name AS project, o.note AS note
ORDER BY project, name

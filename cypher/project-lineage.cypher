// Projects a project builds on or collaborates with, up to three steps away.
// @param id: string  project id, e.g. "project:dalarna-implementering-integration"
MATCH path = (p:Project {id: $id})-[:BUILDS_ON|COLLABORATES_WITH*1..3]-(other:Project)
RETURN other.name AS project, length(path) AS steps, [r IN relationships(path) | type(r)] AS via
ORDER BY steps, project

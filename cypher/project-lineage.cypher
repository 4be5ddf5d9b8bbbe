// Projects a project builds on or collaborates with, and those that build on or collaborate with it,
// up to three steps away: each once, by its shortest way, with the direction of every step from the
// project asked about (builds_on, built_on_by, collaborates_with, collaborated_with_by).
// @param id: string  project id, e.g. "project:dalarna-implementering-integration"
MATCH path = (p:Project {id: $id})-[:BUILDS_ON|COLLABORATES_WITH*1..3]-(other:Project)
WHERE other <> p
WITH p, other, path ORDER BY length(path), [n IN nodes(path) | n.id]
WITH p, other, head(collect(path)) AS path
WITH other, path, reduce(walk = {at: p, steps: []}, r IN relationships(path) |
       {at: CASE WHEN startNode(r) = walk.at THEN endNode(r) ELSE startNode(r) END,
        steps: walk.steps + [CASE
          WHEN type(r) = 'BUILDS_ON' AND startNode(r) = walk.at THEN 'builds_on'
          WHEN type(r) = 'BUILDS_ON' THEN 'built_on_by'
          WHEN startNode(r) = walk.at THEN 'collaborates_with'
          ELSE 'collaborated_with_by' END]}).steps AS direction
RETURN other.name AS project, other.id AS id, length(path) AS steps, direction,
       [r IN relationships(path) | type(r)] AS via
ORDER BY steps, project

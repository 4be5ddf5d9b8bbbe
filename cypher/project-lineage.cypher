// Projects a project builds on or collaborates with, and those that build on or collaborate with it,
// up to three steps away: each once, by its shortest way, with the direction of every step from the
// project asked about (builds_on, built_on_by, collaborates_with, collaborated_with_by).
// @param id: string  project id, e.g. "project:dalarna-implementering-integration"
MATCH path = (p:Project {id: $id})-[:BUILDS_ON|COLLABORATES_WITH*1..3]-(other:Project) WHERE other <> p
WITH other, path ORDER BY length(path), [n IN nodes(path) | n.id]
WITH other, head(collect(path)) AS path
WITH other, path, relationships(path) AS rs, nodes(path) AS ns
RETURN other.name AS project, other.id AS id, length(path) AS steps,
  [i IN range(0, size(rs) - 1) | CASE WHEN startNode(rs[i]) = ns[i] THEN toLower(type(rs[i]))
    WHEN type(rs[i]) = 'BUILDS_ON' THEN 'built_on_by' ELSE 'collaborated_with_by' END] AS direction,
  [r IN rs | type(r)] AS via ORDER BY steps, project

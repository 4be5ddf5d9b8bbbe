// The shortest ways between two actors or projects, through any relationships, with what joins each step.
// @param from: string  an id, e.g. "municipality:0780" (Växjö)
// @param to: string  an id, e.g. "municipality:2080" (Falun)
MATCH path = SHORTEST 3 (a:Entity {id: $from})-[*..8]-(b:Entity {id: $to})
RETURN length(path) AS steps, [n IN nodes(path) | n.name] AS through, [r IN relationships(path) | type(r)] AS via
ORDER BY steps

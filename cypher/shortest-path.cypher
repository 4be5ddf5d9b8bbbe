// The shortest ways between two actors or projects through their partnerships (ownership, taking part,
// funding, lineage, units; not the counties they lie in), with what joins each step.
// @param from: string  an id, e.g. "municipality:0780" (Växjö)
// @param to: string  an id, e.g. "municipality:2080" (Falun)
MATCH path = SHORTEST 3 (a:Municipality|Agency|Organization|Project|Fund {id: $from})
  -[:OWNS|PARTICIPATES_IN|CO_FUNDS|FUNDS|BUILDS_ON|COLLABORATES_WITH|PART_OF*..8]-
  (b:Municipality|Agency|Organization|Project|Fund {id: $to})
RETURN length(path) AS steps, [n IN nodes(path) | n.name] AS through, [r IN relationships(path) | type(r)] AS via
ORDER BY steps

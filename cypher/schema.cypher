// graphapp schema: constraints and indexes, applied by the Neo4j store at start-up.
// Every node carries the label Entity besides its own (Project, Municipality, ...),
// so one constraint keeps ids unique across kinds and every lookup by id is indexed.
// GraphappMeta nodes hold the graph's revision and results derived from it (graphapp/store/neo4j_meta.py).
// Dates are DATE values (graphapp/dates.py): range indexes serve p.start >= date('2015-01-01') and the like.
// Statements are separated by semicolons; each is idempotent (IF NOT EXISTS).

CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
CREATE INDEX project_start IF NOT EXISTS FOR (n:Project) ON (n.start);
CREATE INDEX project_end IF NOT EXISTS FOR (n:Project) ON (n.end);
CREATE INDEX document_published IF NOT EXISTS FOR (n:Document) ON (n.published);
CREATE INDEX municipality_code IF NOT EXISTS FOR (n:Municipality) ON (n.code);
CREATE INDEX entity_county IF NOT EXISTS FOR (n:Entity) ON (n.county_code);
CREATE CONSTRAINT graphapp_meta_key IF NOT EXISTS FOR (n:GraphappMeta) REQUIRE n.key IS UNIQUE;

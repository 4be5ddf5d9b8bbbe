// graphapp schema: constraints and indexes, applied by the Neo4j store before a load.
// The graph holds the domain only: a node has one label, its kind (Project, Municipality,
// County, Agency, Organization, Fund, Document). Ids carry their kind as a prefix
// (municipality:1766), so unique per label is unique in the graph; the store finds a node by
// id alone under every label at once (graphapp/store/neo4j_labels.py).
// Dates are DATE values (graphapp/dates.py): range indexes serve p.start >= date('2015-01-01') and the like.
// Statements are separated by semicolons; each is idempotent (IF NOT EXISTS, IF EXISTS).

CREATE CONSTRAINT project_id IF NOT EXISTS FOR (n:Project) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT municipality_id IF NOT EXISTS FOR (n:Municipality) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT county_id IF NOT EXISTS FOR (n:County) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT agency_id IF NOT EXISTS FOR (n:Agency) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT fund_id IF NOT EXISTS FOR (n:Fund) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE;
CREATE INDEX project_start IF NOT EXISTS FOR (n:Project) ON (n.start);
CREATE INDEX project_end IF NOT EXISTS FOR (n:Project) ON (n.end);
CREATE INDEX document_published IF NOT EXISTS FOR (n:Document) ON (n.published);
CREATE INDEX municipality_code IF NOT EXISTS FOR (n:Municipality) ON (n.code);
CREATE INDEX county_code IF NOT EXISTS FOR (n:County) ON (n.code);

// A database loaded by graphapp before the graph held the domain only: every node also had the
// label Entity, and GraphappMeta nodes held the graph's revision and kept results (now Neo4j's
// bookmark and files outside the database: graphapp/store/kept.py). They go at the first load.
MATCH (n:GraphappMeta) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS;
MATCH (n:Entity) CALL (n) { REMOVE n:Entity } IN TRANSACTIONS OF 10000 ROWS;
DROP CONSTRAINT graphapp_meta_key IF EXISTS;
DROP CONSTRAINT entity_id IF EXISTS;
DROP INDEX entity_name IF EXISTS;
DROP INDEX entity_county IF EXISTS;

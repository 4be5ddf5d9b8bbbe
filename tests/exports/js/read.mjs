// Reads a graphapp export with graphology's own parsers (the ones behind Gephi Lite and
// sigma.js applications) and prints what they found as JSON, for tests/exports/test_readers.py.
//
//   node read.mjs gexf|graphml FILE
//
// Prints {"order", "size", "multi", "type", "nodes": {key: attributes}, "edges": [{key, source, target, attributes}]}.
import {readFileSync} from 'node:fs';
import Graph from 'graphology';
import gexf from 'graphology-gexf';
import graphml from 'graphology-graphml';

const [format, file] = process.argv.slice(2);
const parsers = {gexf, graphml};
if (!(format in parsers) || !file) {
  console.error('usage: node read.mjs gexf|graphml FILE');
  process.exit(2);
}
const graph = parsers[format].parse(Graph, readFileSync(file, 'utf-8'));
const nodes = {};
graph.forEachNode((key, attributes) => {
  nodes[key] = attributes;
});
const edges = [];
graph.forEachEdge((key, attributes, source, target) => {
  edges.push({key, source, target, attributes});
});
process.stdout.write(
  JSON.stringify({order: graph.order, size: graph.size, multi: graph.multi, type: graph.type, nodes, edges})
);

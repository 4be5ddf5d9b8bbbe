// Where each fact about a project comes from: every relationship with the documents it cites.
// @param id: string  project id, e.g. "project:connecting-people"
MATCH (p:Project {id: $id})-[r]-(other)
UNWIND coalesce(r.sources, [null]) AS source
OPTIONAL MATCH (d:Document {id: source})
RETURN other.name AS other, type(r) AS relationship, d.title AS document, d.publisher AS publisher, d.url AS url
ORDER BY relationship, other

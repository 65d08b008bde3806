// Most central actors: ranked by how many facts they take part in and with how many others.
//
// Answers:    who the network revolves around (degree over fact relationships, both directions).
// Parameters: @param limit: 15    -- how many actors to return
// Example:    graphbuilder query queries/most_central.cypher -p limit=5
MATCH (a:Actor)-[r]-(b:Actor)
WITH a, count(r) AS facts, count(DISTINCT b) AS partners
RETURN a.name AS actor, a.kind AS kind, facts, partners
ORDER BY facts DESC, partners DESC, actor
LIMIT $limit

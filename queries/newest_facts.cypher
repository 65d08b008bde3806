// Newest facts: the most recently published facts in the graph.
//
// Answers:    what happened lately, newest article first.
// Parameters: @param limit: 20   -- how many facts to return
// Example:    graphbuilder query queries/newest_facts.cypher -p limit=5 --format json
MATCH (s:Actor)-[r]->(o:Actor)
OPTIONAL MATCH (art:Article {id: r.article_id})
RETURN r.published AS published, s.name AS subject, type(r) AS predicate, o.name AS object,
       r.sentence AS evidence, art.title AS article
ORDER BY published DESC, subject, predicate, object
LIMIT $limit

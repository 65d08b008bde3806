// Who accuses whom: every ACCUSE fact between two actors, with the sentence that proves it.
//
// Answers:    which actors accused which others, whether the accusation was denied (negated),
//             who reported it (attributed_to) and in which article.
// Parameters: none
// Example:    graphbuilder query queries/who_accuses_whom.cypher
MATCH (a:Actor)-[r:ACCUSE]->(b:Actor)
OPTIONAL MATCH (art:Article {id: r.article_id})
RETURN a.name AS accuser, b.name AS accused, r.negated AS negated,
       r.attributed_to AS claimed_by, r.sentence AS evidence, art.title AS article
ORDER BY accuser, accused, evidence

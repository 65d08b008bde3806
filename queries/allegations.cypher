// Allegations: facts that someone claims (reported speech), kept apart from what was observed.
//
// Answers:    who alleges what about whom; claimed_by is the actor id of the source of the claim.
// Parameters: none
// Example:    graphbuilder query queries/allegations.cypher
MATCH (s:Actor)-[r]->(o:Actor)
WHERE r.attributed_to IS NOT NULL
OPTIONAL MATCH (src:Actor {id: r.attributed_to})
RETURN coalesce(src.name, r.attributed_to) AS claimed_by, s.name AS subject, type(r) AS predicate,
       o.name AS object, r.sentence AS evidence
ORDER BY claimed_by, subject, predicate, object

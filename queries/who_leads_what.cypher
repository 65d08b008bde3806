// Who leads what: structural facts (LEADS, MEMBER_OF, PART_OF, OWNS, RELATIVE_OF) stated in articles.
//
// Answers:    offices, memberships, ownership and family ties, with the sentence that states them.
// Parameters: none
// Example:    graphbuilder query queries/who_leads_what.cypher --format table
MATCH (s:Actor)-[r]->(o:Actor)
WHERE type(r) IN ['LEADS', 'MEMBER_OF', 'PART_OF', 'OWNS', 'RELATIVE_OF']
RETURN s.name AS actor, type(r) AS relation, o.name AS of, count(r) AS mentions,
       collect(DISTINCT r.sentence)[0] AS evidence
ORDER BY relation, actor, of

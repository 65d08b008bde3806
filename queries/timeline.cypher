// Timeline of one actor: every fact it takes part in, oldest first.
//
// Answers:    how an actor's relations developed over time (article publication dates).
// Parameters: @param name: Dmitry Rogozin  -- an actor's name or alias (case-insensitive)
// Example:    graphbuilder query queries/timeline.cypher -p name=Zelensky --format csv
MATCH (a:Actor)
WHERE toLower(a.name) = toLower($name)
   OR any(alias IN coalesce(a.aliases, []) WHERE toLower(alias) = toLower($name))
MATCH (s:Actor)-[r]->(o:Actor)
WHERE s.id = a.id OR o.id = a.id
RETURN r.published AS published, s.name AS subject, type(r) AS predicate, o.name AS object,
       r.quad_class AS quad_class, r.sentence AS evidence
ORDER BY published, subject, predicate, object

// Evidence for a relation: every fact between two actors, in either direction, with its sentence.
//
// Answers:    what exactly was said or done between two actors, and where it was reported.
// Parameters: @param source: Volodymyr Zelensky -- name or alias of one actor
//             @param target: Elon Musk          -- name or alias of the other actor
// Example:    graphbuilder query queries/evidence.cypher -p source=Rogozin -p target=Musk
MATCH (a:Actor)-[r]-(b:Actor)
WHERE (toLower(a.name) = toLower($source)
       OR any(alias IN coalesce(a.aliases, []) WHERE toLower(alias) = toLower($source)))
  AND (toLower(b.name) = toLower($target)
       OR any(alias IN coalesce(b.aliases, []) WHERE toLower(alias) = toLower($target)))
MATCH (s:Actor)-[r]->(o:Actor)
OPTIONAL MATCH (art:Article {id: r.article_id})
RETURN s.name AS subject, type(r) AS predicate, o.name AS object, r.quad_class AS quad_class,
       r.negated AS negated, r.hedged AS hedged, r.sentence AS evidence,
       art.title AS article, art.url AS url, r.published AS published
ORDER BY published, subject, predicate

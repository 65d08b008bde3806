// Actor mentions: in how many articles each actor appears, and the titles.
//
// Answers:    which actors the corpus talks about most, independent of extracted facts.
// Parameters: @param kind: ""   -- restrict to one actor kind (Person, Organization, Country,
//                                  Group, Product, Location); empty for all
// Example:    graphbuilder query queries/actor_mentions.cypher -p kind=Person
MATCH (a:Actor)-[m:MENTIONED_IN]->(art:Article)
WHERE $kind = '' OR a.kind = $kind
RETURN a.name AS actor, a.kind AS kind, count(DISTINCT art) AS articles,
       collect(DISTINCT art.title) AS titles
ORDER BY articles DESC, actor

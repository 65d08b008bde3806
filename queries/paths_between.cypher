// Paths between two actors: the shortest chain of facts linking them (up to 4 hops, any direction).
//
// Answers:    how two actors are connected, e.g. a Russian official and a Western company.
// Parameters: @param source: Dmitry Rogozin   -- name or alias of the first actor
//             @param target: Volodymyr Zelensky -- name or alias of the second actor
// Example:    graphbuilder query queries/paths_between.cypher -p source=Rogozin -p target=NATO
MATCH (a:Actor), (b:Actor)
WHERE (toLower(a.name) = toLower($source)
       OR any(alias IN coalesce(a.aliases, []) WHERE toLower(alias) = toLower($source)))
  AND (toLower(b.name) = toLower($target)
       OR any(alias IN coalesce(b.aliases, []) WHERE toLower(alias) = toLower($target)))
  AND a.id <> b.id
// facts only: the path may not run through articles via MENTIONED_IN
MATCH p = shortestPath((a)-[:!MENTIONED_IN*..4]-(b))
RETURN [n IN nodes(p) | n.name] AS actors,
       [r IN relationships(p) | type(r)] AS predicates,
       length(p) AS hops
ORDER BY hops
LIMIT 5

// Cooperation vs conflict balance per pair of actors, with a Goldstein-style score.
//
// Answers:    which relationships are mostly cooperative or mostly hostile; goldstein is the sum of
//             the ontology weights (-10 most conflictual .. +10 most cooperative) of the pair's
//             facts, taken in both directions; negated facts left out.
// Parameters: @param min_facts: 1   -- only pairs with at least this many facts
// Example:    graphbuilder query queries/cooperation_conflict_balance.cypher -p min_facts=2
MATCH (a:Actor)-[r]->(b:Actor)
WHERE r.quad_class IS NOT NULL AND NOT coalesce(r.negated, false)
WITH CASE WHEN a.name < b.name THEN a.name ELSE b.name END AS actor_1,
     CASE WHEN a.name < b.name THEN b.name ELSE a.name END AS actor_2, r
WITH actor_1, actor_2,
     sum(CASE WHEN r.quad_class ENDS WITH 'COOPERATION' THEN 1 ELSE 0 END) AS cooperation,
     sum(CASE WHEN r.quad_class ENDS WITH 'CONFLICT' THEN 1 ELSE 0 END) AS conflict,
     sum(coalesce(r.weight, 0.0)) AS goldstein, count(r) AS facts
WHERE facts >= $min_facts
RETURN actor_1, actor_2, cooperation, conflict, goldstein
ORDER BY goldstein, actor_1, actor_2

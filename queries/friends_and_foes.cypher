// Friends and foes of one actor: its counterparts split by quad class.
//
// Answers:    with whom an actor cooperates and with whom it is in conflict, counting facts in
//             both directions (negated facts left out); stance = friend, foe or mixed.
// Parameters: @param name: Elon Musk      -- an actor's name or alias (case-insensitive)
// Example:    graphbuilder query queries/friends_and_foes.cypher -p name=Zelensky
MATCH (a:Actor)
WHERE toLower(a.name) = toLower($name)
   OR any(alias IN coalesce(a.aliases, []) WHERE toLower(alias) = toLower($name))
MATCH (a)-[r]-(b:Actor)
WHERE r.quad_class IS NOT NULL AND NOT coalesce(r.negated, false)
WITH b,
     sum(CASE WHEN r.quad_class ENDS WITH 'COOPERATION' THEN 1 ELSE 0 END) AS cooperation,
     sum(CASE WHEN r.quad_class ENDS WITH 'CONFLICT' THEN 1 ELSE 0 END) AS conflict,
     collect(DISTINCT type(r)) AS predicates
RETURN b.name AS actor, b.kind AS kind, cooperation, conflict,
       CASE WHEN cooperation > conflict THEN 'friend'
            WHEN conflict > cooperation THEN 'foe' ELSE 'mixed' END AS stance,
       predicates
ORDER BY cooperation + conflict DESC, actor

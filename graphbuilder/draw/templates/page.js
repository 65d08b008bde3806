/* graphbuilder actor network: filters, search/focus and the details panel.
 *
 * Every string that came from an article is put on screen as text (textContent or a
 * text node), never parsed as HTML. vis-network gets plain-string tooltips, which it
 * shows with innerText. Exposes window.graphbuilder for tests and power users.
 */
(function () {
  "use strict";

  // performance marks let benchmarks/bench_html.py see where opening time goes
  performance.mark("gb-start");
  var data = JSON.parse(document.getElementById("gb-data").textContent);
  performance.mark("gb-parsed");
  var quadLabel = {};
  var quadColor = {};
  data.quads.forEach(function (q) { quadLabel[q.name] = q.label; quadColor[q.name] = q.color; });
  var names = {};
  data.nodes.forEach(function (n) { names[n.id] = n.name; });

  // ---- tooltips: plain strings (vis-network shows string titles with innerText) --------
  function short(text, limit) {
    text = String(text).replace(/\s+/g, " ").trim();
    return text.length <= limit ? text : text.slice(0, limit - 1) + "…";
  }
  function sum(list) { return list.reduce(function (a, b) { return a + b; }, 0); }
  function nodeTitle(n) {
    var lines = [short(n.name, 120), n.kind + (n.country ? " · " + n.country : "")];
    if (n.roles && n.roles.length) lines.push(short(n.roles.join("; "), 160));
    lines.push(sum(n.counts.out) + " facts out, " + sum(n.counts["in"]) + " in · mentioned in " +
      n.mentions + " article(s)");
    lines.push("Click for details");
    return lines.join("\n");
  }
  function edgeTitle(e) {
    var lines = [short(names[e.from], 60) + " → " + e.label + " → " + short(names[e.to], 60)];
    lines.push(e.facts.length + " mention(s)" + (e.uncertain ? " · hedged or alleged only" : ""));
    e.facts.slice(0, 3).forEach(function (i) {
      var f = data.facts[i];
      lines.push("• " + (f.date || "undated") + ": " + short(f.text, 180));
    });
    if (e.facts.length > 3) lines.push("… and " + (e.facts.length - 3) + " more");
    lines.push("Click for the evidence");
    return lines.join("\n");
  }
  data.nodes.forEach(function (n) { n.title = nodeTitle(n); });
  data.edges.forEach(function (e) {
    var c = e.color;
    e.color = { color: c, highlight: c, hover: c, opacity: e.opacity === undefined ? 1 : e.opacity };
    e.title = edgeTitle(e);
  });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  performance.mark("gb-datasets");

  var state = {
    kinds: new Set(data.kinds.map(function (k) { return k.name; }).concat(["Unknown"])),
    quads: new Set(data.quads.map(function (q) { return q.name; })),
    predicates: new Set(data.predicates.map(function (p) { return p.name; })),
    since: "",
    until: "",
    minFacts: 1,
    minArticles: 0,
    hideIsolated: false,
    focus: null // Set of node ids, or null
  };
  // Everything is shown at first; the sets must be full before the DataViews are built,
  // or vis would draw an empty view and then add every item one event at a time.
  var shownNodes = new Set(nodes.getIds());
  var shownEdges = new Set(edges.getIds());
  var network = null; // created at the end, once the data and controls are ready

  var nodeView = new vis.DataView(nodes, { filter: function (n) { return shownNodes.has(n.id); } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return shownEdges.has(e.id); } });

  // ---- small DOM helpers: text only ------------------------------------------------
  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        if (key === "text") node.textContent = attrs[key];
        else if (key === "className") node.className = attrs[key];
        else node.setAttribute(key, attrs[key]);
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }
  function byId(id) { return document.getElementById(id); }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  // ---- filtering --------------------------------------------------------------------
  function factShown(index) {
    if (!state.since && !state.until) return true;
    var date = data.facts[index].date;
    if (!date) return false;
    if (state.since && date < state.since) return false;
    if (state.until && date > state.until) return false;
    return true;
  }
  function nodeAllowed(node) {
    return state.kinds.has(node.kind) && node.mentions >= state.minArticles;
  }
  function edgeAllowed(edge, nodeOk) {
    if (!state.quads.has(edge.quad) || !state.predicates.has(edge.predicate)) return false;
    if (!nodeOk(edge.from) || !nodeOk(edge.to)) return false;
    var seen = 0;
    for (var i = 0; i < edge.facts.length; i++) if (factShown(edge.facts[i])) seen++;
    return seen >= Math.max(1, state.minFacts);
  }
  function allowedIds() {
    // Node and edge ids passing every filter except the focus.
    var okNodes = new Set();
    nodes.forEach(function (n) { if (nodeAllowed(n)) okNodes.add(n.id); });
    var okEdges = [];
    edges.forEach(function (e) {
      if (edgeAllowed(e, function (id) { return okNodes.has(id); })) okEdges.push(e);
    });
    return { nodes: okNodes, edges: okEdges };
  }

  // A node that leaves the view and comes back would be placed anew by vis (in a heap at
  // the centre when physics is off): write the position of each leaving node into the
  // DataSet, where vis takes it from when the node returns.
  function rememberPositions(before) {
    if (!network) return;
    var leaving = [];
    before.forEach(function (id) { if (!shownNodes.has(id)) leaving.push(id); });
    if (!leaving.length) return;
    var pos = network.getPositions(leaving);
    nodes.update(leaving.map(function (id) { return { id: id, x: pos[id].x, y: pos[id].y }; }));
  }

  function applyFilters() {
    var ok = allowedIds();
    var inFocus = function (id) { return ok.nodes.has(id) && (!state.focus || state.focus.has(id)); };
    shownEdges = new Set();
    var linked = new Set();
    ok.edges.forEach(function (e) {
      if (inFocus(e.from) && inFocus(e.to)) {
        shownEdges.add(e.id);
        linked.add(e.from);
        linked.add(e.to);
      }
    });
    var before = shownNodes;
    shownNodes = new Set();
    ok.nodes.forEach(function (id) {
      if (inFocus(id) && (!state.hideIsolated || linked.has(id))) shownNodes.add(id);
    });
    rememberPositions(before);
    nodeView.refresh();
    edgeView.refresh();
    byId("gb-counts").textContent = "Showing " + nodeView.length + " of " + nodes.length +
      " actors · " + edgeView.length + " of " + edges.length + " relations (" +
      data.meta.facts + " facts)";
  }

  // ---- search and focus ---------------------------------------------------------------
  function findActor(query) {
    var q = query.trim().toLowerCase();
    if (!q) return null;
    var exact = null, prefix = null, part = null;
    nodes.forEach(function (n) {
      var names = [n.name].concat(n.aliases || []);
      for (var i = 0; i < names.length; i++) {
        var name = String(names[i]).toLowerCase();
        if (name === q) { if (!exact) exact = n; }
        else if (name.indexOf(q) === 0) { if (!prefix) prefix = n; }
        else if (name.indexOf(q) > 0) { if (!part) part = n; }
      }
    });
    return exact || prefix || part;
  }

  function neighbourhood(id, depth) {
    var ok = allowedIds();
    var adjacent = {};
    ok.edges.forEach(function (e) {
      (adjacent[e.from] = adjacent[e.from] || []).push(e.to);
      (adjacent[e.to] = adjacent[e.to] || []).push(e.from);
    });
    var found = new Set([id]);
    var frontier = [id];
    for (var d = 0; d < depth; d++) {
      var next = [];
      frontier.forEach(function (v) {
        (adjacent[v] || []).forEach(function (w) { if (!found.has(w)) { found.add(w); next.push(w); } });
      });
      frontier = next;
    }
    return found;
  }

  function focusActor(query, depth) {
    var msg = byId("gb-search-msg");
    var node = findActor(query);
    if (!node) { msg.textContent = "No actor matches “" + query + "”."; return null; }
    depth = depth || Number(byId("gb-depth").value) || 1;
    state.focus = neighbourhood(node.id, depth);
    state.kinds.add(node.kind);
    syncChecks();
    applyFilters();
    msg.textContent = "Focused on " + node.name + " and " + (state.focus.size - 1) +
      " actor(s) within " + depth + " step(s).";
    network.selectNodes([node.id]);
    network.fit({ nodes: Array.from(shownNodes), animation: false });
    showNode(node.id);
    return node.id;
  }

  function unfocus() {
    state.focus = null;
    byId("gb-search-msg").textContent = "";
    applyFilters();
    network.fit({ animation: false });
  }

  // ---- details panel ---------------------------------------------------------------
  function swatch(color, cls) {
    var s = el("span", { className: cls || "gb-swatch" });
    s.style.background = color;
    return s;
  }
  function defRow(dl, term, value) {
    if (value === null || value === undefined || value === "" ||
        (Array.isArray(value) && !value.length)) return;
    dl.appendChild(el("dt", { text: term }));
    dl.appendChild(el("dd", { text: Array.isArray(value) ? value.join("; ") : String(value) }));
  }

  function showNode(id) {
    var n = nodes.get(id);
    var body = byId("gb-panel-body");
    clear(body);
    if (!n) return;
    var kindColor = (data.kinds.filter(function (k) { return k.name === n.kind; })[0] || {}).color || "#bbb";
    var head = el("h3", null, swatch(kindColor), " ", n.name);
    if (n.country) head.appendChild(el("span", null, " ", el("span", { className: "gb-badge", text: n.country })));
    body.appendChild(head);
    var dl = el("dl");
    defRow(dl, "kind", n.kind);
    defRow(dl, "aliases", n.aliases);
    defRow(dl, "roles", n.roles);
    defRow(dl, "country", n.country);
    defRow(dl, "articles", n.mentions);
    defRow(dl, "PageRank", n.scores.pagerank.toFixed(4));
    defRow(dl, "degree", n.scores.degree);
    body.appendChild(dl);
    var table = el("table", null, el("thead", null, el("tr", null,
      el("th", { text: "facts by class" }), el("th", { text: "out" }), el("th", { text: "in" }))));
    var tbody = el("tbody");
    data.quads.forEach(function (q, i) {
      tbody.appendChild(el("tr", null,
        el("td", null, swatch(q.color, "gb-edge-swatch"), " ", q.label),
        el("td", { className: "gb-num", text: String(n.counts.out[i]) }),
        el("td", { className: "gb-num", text: String(n.counts["in"][i]) })));
    });
    table.appendChild(tbody);
    body.appendChild(table);
    var button = el("button", { type: "button", text: "Focus on this actor" });
    button.addEventListener("click", function () {
      byId("gb-search").value = n.name;
      focusActor(n.name);
    });
    body.appendChild(button);
  }

  function evidence(fact, subjectName, objectName) {
    // Split the sentence at the span boundaries; wrap the two actors in <mark>.
    var text = fact.text || "";
    var marks = [];
    if (fact.subj) marks.push({ span: fact.subj, cls: "gb-subj", who: subjectName });
    if (fact.obj) marks.push({ span: fact.obj, cls: "gb-obj", who: objectName });
    marks.sort(function (a, b) { return a.span[0] - b.span[0]; });
    var quote = el("blockquote", { className: "gb-evidence" });
    var pos = 0;
    marks.forEach(function (m) {
      if (m.span[0] < pos) return; // overlapping spans: keep the first
      quote.appendChild(document.createTextNode(text.slice(pos, m.span[0])));
      quote.appendChild(el("mark", { className: m.cls, title: m.who, text: text.slice(m.span[0], m.span[1]) }));
      pos = m.span[1];
    });
    quote.appendChild(document.createTextNode(text.slice(pos)));
    return quote;
  }

  function source(fact) {
    var box = el("div", { className: "gb-source" });
    var article = fact.art === undefined ? null : data.articles[fact.art];
    box.appendChild(document.createTextNode((fact.date || "undated") + " · "));
    if (!article) { box.appendChild(document.createTextNode("unknown article")); return box; }
    box.appendChild(el("span", { text: article.title || "(untitled article)" }));
    if (article.url) {
      box.appendChild(document.createTextNode(" · "));
      if (article.link && /^https?:\/\//i.test(article.link)) {
        box.appendChild(el("a", { href: article.link, rel: "noopener noreferrer", target: "_blank", text: article.link }));
      } else {
        box.appendChild(el("span", { text: article.url }));
      }
    }
    return box;
  }

  function showEdge(id) {
    var e = edges.get(id);
    var body = byId("gb-panel-body");
    clear(body);
    if (!e) return;
    var from = nodes.get(e.from), to = nodes.get(e.to);
    body.appendChild(el("h3", null, from.name, " → ", e.label, " → ", to.name));
    var info = el("p", { className: "gb-muted" }, swatch(quadColor[e.quad], "gb-edge-swatch"), " ",
      quadLabel[e.quad] + " · " + e.facts.length + " mention(s)");
    body.appendChild(info);
    var list = el("ol", { className: "gb-facts" });
    e.facts.forEach(function (index) {
      var f = data.facts[index];
      var item = el("li", { className: "gb-fact" + (f.neg ? " gb-negated" : "") +
        ((f.hedged || f.by) ? " gb-uncertain" : "") });
      item.style.borderLeftColor = quadColor[f.quad];
      var head = el("div", { className: "gb-fact-head" }, (f.neg ? "not " : "") + f.pred);
      if (f.cameo) head.appendChild(el("span", { className: "gb-tag", text: "CAMEO " + f.cameo }));
      if (f.neg) head.appendChild(el("span", { className: "gb-tag", text: "negated" }));
      if (f.hedged) head.appendChild(el("span", { className: "gb-tag", text: "hedged" }));
      if (f.by) head.appendChild(el("span", { className: "gb-tag", text: "alleged by " + f.by }));
      if (f.conf !== undefined) head.appendChild(el("span", { className: "gb-tag", text: "confidence " + f.conf }));
      if (!factShown(index)) head.appendChild(el("span", { className: "gb-tag", text: "outside date filter" }));
      item.appendChild(head);
      item.appendChild(evidence(f, from.name, to.name));
      item.appendChild(source(f));
      list.appendChild(item);
    });
    body.appendChild(list);
  }

  function resetPanel() {
    var body = byId("gb-panel-body");
    clear(body);
    body.appendChild(el("p", { className: "gb-muted", text: "Click an actor or a relation to see its details and evidence." }));
  }

  // ---- controls --------------------------------------------------------------------
  function checkbox(container, setName, value, labelParts) {
    var input = el("input", { type: "checkbox" });
    input.checked = true;
    input.dataset.set = setName;
    input.dataset.value = value;
    input.addEventListener("change", function () {
      if (input.checked) state[setName].add(value); else state[setName]["delete"](value);
      applyFilters();
    });
    var label = el("label", null, input);
    labelParts.forEach(function (part) { label.appendChild(typeof part === "string" ? document.createTextNode(part) : part); });
    container.appendChild(label);
    return input;
  }
  function syncChecks() {
    document.querySelectorAll("#gb-controls input[type=checkbox][data-set]").forEach(function (input) {
      input.checked = state[input.dataset.set].has(input.dataset.value);
    });
  }

  function buildControls() {
    var kindCounts = {};
    nodes.forEach(function (n) { kindCounts[n.kind] = (kindCounts[n.kind] || 0) + 1; });
    var kinds = byId("gb-kinds");
    data.kinds.forEach(function (k) {
      checkbox(kinds, "kinds", k.name, [swatch(k.color), k.name, el("span", { className: "gb-count", text: String(kindCounts[k.name] || 0) })]);
    });
    if (kindCounts.Unknown) {
      checkbox(kinds, "kinds", "Unknown", [swatch("#bdbdbd"), "Unknown", el("span", { className: "gb-count", text: String(kindCounts.Unknown) })]);
    }
    var quadCounts = {};
    edges.forEach(function (e) { quadCounts[e.quad] = (quadCounts[e.quad] || 0) + 1; });
    var quads = byId("gb-quads");
    data.quads.forEach(function (q) {
      checkbox(quads, "quads", q.name, [swatch(q.color, "gb-edge-swatch"), q.label, el("span", { className: "gb-count", text: String(quadCounts[q.name] || 0) })]);
    });
    var preds = byId("gb-predicates");
    data.predicates.forEach(function (p) {
      checkbox(preds, "predicates", p.name, [p.name, el("span", { className: "gb-count", text: String(p.edges) })]);
    });
    var names = byId("gb-names");
    var seen = new Set();
    nodes.forEach(function (n) {
      [n.name].concat(n.aliases || []).forEach(function (name) {
        if (seen.has(name)) return;
        seen.add(name);
        var option = document.createElement("option");
        option.value = name;
        names.appendChild(option);
      });
    });

    byId("gb-pred-all").addEventListener("click", function () {
      data.predicates.forEach(function (p) { state.predicates.add(p.name); });
      syncChecks(); applyFilters();
    });
    byId("gb-pred-none").addEventListener("click", function () {
      state.predicates.clear();
      syncChecks(); applyFilters();
    });
    byId("gb-since").addEventListener("change", function (ev) { state.since = ev.target.value; applyFilters(); });
    byId("gb-until").addEventListener("change", function (ev) { state.until = ev.target.value; applyFilters(); });
    byId("gb-min-facts").addEventListener("input", function (ev) { state.minFacts = Number(ev.target.value) || 1; applyFilters(); });
    byId("gb-min-articles").addEventListener("input", function (ev) { state.minArticles = Number(ev.target.value) || 0; applyFilters(); });
    byId("gb-hide-isolated").addEventListener("change", function (ev) { state.hideIsolated = ev.target.checked; applyFilters(); });
    var physics = byId("gb-physics");
    physics.checked = data.options.physics.enabled;
    physics.addEventListener("change", function () { network.setOptions({ physics: { enabled: physics.checked } }); });
    var sizeBy = byId("gb-size-by");
    sizeBy.value = data.meta.sizeBy;
    sizeBy.addEventListener("change", function () {
      nodes.update(nodes.map(function (n) { return { id: n.id, size: n.sizes[sizeBy.value] }; }));
    });
    byId("gb-search").addEventListener("keydown", function (ev) { if (ev.key === "Enter") focusActor(ev.target.value); });
    byId("gb-focus").addEventListener("click", function () { focusActor(byId("gb-search").value); });
    byId("gb-unfocus").addEventListener("click", unfocus);
    byId("gb-fit").addEventListener("click", function () { network.fit({ animation: false }); });
    byId("gb-reset").addEventListener("click", resetFilters);
  }

  function resetFilters() {
    data.kinds.forEach(function (k) { state.kinds.add(k.name); });
    state.kinds.add("Unknown");
    data.quads.forEach(function (q) { state.quads.add(q.name); });
    data.predicates.forEach(function (p) { state.predicates.add(p.name); });
    state.since = state.until = "";
    state.minFacts = 1; state.minArticles = 0; state.hideIsolated = false; state.focus = null;
    byId("gb-since").value = ""; byId("gb-until").value = "";
    byId("gb-min-facts").value = "1"; byId("gb-min-articles").value = "0";
    byId("gb-hide-isolated").checked = false;
    byId("gb-search-msg").textContent = "";
    syncChecks();
    applyFilters();
  }

  // ---- start -------------------------------------------------------------------------
  var api = window.graphbuilder = {
    data: data, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
    state: state, applyFilters: applyFilters, focusActor: focusActor, unfocus: unfocus,
    showNode: showNode, showEdge: showEdge, ready: false, readyAt: null
  };
  network = new vis.Network(byId("gb-network"), { nodes: nodeView, edges: edgeView }, data.options);
  api.network = network;
  performance.mark("gb-network");
  buildControls();
  performance.mark("gb-controls");
  applyFilters();
  performance.mark("gb-filtered");
  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
    else resetPanel();
  });
  network.once("afterDrawing", function () {
    performance.mark("gb-drawn");
    api.ready = true;
    api.readyAt = performance.now();
  });
})();

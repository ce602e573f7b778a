{% verbatim %}/* The archive's search from disk (newsletter/archive/offline_search.py builds the index).
   Works from file:// with no server: the index is a script, not a fetched file. When the copy
   is served (python3 serve.py), Pagefind's full-text search is offered as well. */
(function () {
    "use strict";
    var status = document.getElementById("archive-search-results") && document.querySelector(".archive-search__status");
    if (!status) { return; }
    var list = document.getElementById("archive-search-results");
    var input = document.getElementById("archive-search-q");
    var language = status.dataset.language;
    var root = status.dataset.root;
    var index = (window.archiveSearchIndex || {})[language];
    var query = (new URLSearchParams(window.location.search).get("q") || "").slice(0, 200);
    var MAX_TERMS = 12, MAX_LENGTH = 60, MIN_STEM = 3;
    input.value = query;

    function message(name, values) {
        var text = status.dataset[name] || "";
        Object.keys(values || {}).forEach(function (key) { text = text.split("{" + key + "}").join(values[key]); });
        return text;
    }

    function normalise(text) {
        text = text.toLowerCase();
        index.folds.forEach(function (fold) { text = text.split(fold[0]).join(fold[1]); });
        return text;
    }

    function queryTerms(text) {
        var words = normalise(text).match(/[\p{L}\p{N}\p{M}]+/gu) || [];
        var seen = [];
        words.forEach(function (word) {
            word = word.slice(0, MAX_LENGTH);
            if (seen.indexOf(word) < 0) { seen.push(word); }
        });
        return seen.slice(0, MAX_TERMS);
    }

    function firstAtLeast(stem) {  // the first indexed term >= stem (binary search)
        var low = 0, high = index.terms.length;
        while (low < high) {
            var middle = (low + high) >> 1;
            if (index.terms[middle] < stem) { low = middle + 1; } else { high = middle; }
        }
        return low;
    }

    function hasPrefix(stem) {
        var at = firstAtLeast(stem);
        return at < index.terms.length && index.terms[at].indexOf(stem) === 0;
    }

    function stemsOf(word) {
        if (index.words[word]) { return index.words[word]; }   // analysed at export, as live
        if (hasPrefix(word)) { return [word]; }                 // a word being typed, or a stem
        for (var cut = word.length - 1; cut >= MIN_STEM; cut--) {  // an unknown inflection
            if (index.terms[firstAtLeast(word.slice(0, cut))] === word.slice(0, cut)) { return [word.slice(0, cut)]; }
        }
        return [word];
    }

    function scores(stem) {  // every page with a term that starts with stem
        var found = new Map();
        for (var at = firstAtLeast(stem); at < index.terms.length && index.terms[at].indexOf(stem) === 0; at++) {
            var postings = index.postings[at];
            for (var i = 0; i < postings.length; i += 2) {
                found.set(postings[i], (found.get(postings[i]) || 0) + postings[i + 1]);
            }
        }
        return found;
    }

    function search(text) {
        var terms = queryTerms(text);
        if (!terms.length) { return null; }
        var total = null;
        terms.forEach(function (term) {
            var matched = new Map();
            stemsOf(term).forEach(function (stem) {
                scores(stem).forEach(function (score, doc) { matched.set(doc, Math.max(matched.get(doc) || 0, score)); });
            });
            if (total === null) { total = matched; return; }
            var both = new Map();
            total.forEach(function (score, doc) { if (matched.has(doc)) { both.set(doc, score + matched.get(doc)); } });
            total = both;
        });
        return Array.from(total.entries()).sort(function (a, b) {
            return b[1] - a[1] || index.docs[a[0]][1].localeCompare(index.docs[b[0]][1]);
        }).map(function (pair) { return index.docs[pair[0]]; });
    }

    function element(tag, className, text) {
        var node = document.createElement(tag);
        if (className) { node.className = className; }
        if (text) { node.textContent = text; }
        return node;
    }

    function show(results) {
        list.textContent = "";
        results.forEach(function (doc) {
            var item = element("li", "search-result");
            item.appendChild(element("p", "search-result__type", doc[2]));
            var heading = element("h3", "search-result__title");
            var link = element("a", "", doc[1]);
            link.href = root + doc[0];
            heading.appendChild(link);
            item.appendChild(heading);
            if (doc[3]) { item.appendChild(element("p", "search-result__meta", doc[3])); }
            if (doc[4]) { item.appendChild(element("p", "search-result__snippet", doc[4])); }
            list.appendChild(item);
        });
    }

    if (!index) {
        status.textContent = message("missing");
    } else if (!query.trim()) {
        status.textContent = message("empty");
    } else {
        var results = search(query);
        if (results === null) {
            status.textContent = message("noTerms");
        } else {
            var name = results.length === 0 ? "none" : (results.length === 1 ? "one" : "many");
            status.textContent = message(name, {query: query, count: String(results.length)});
            show(results);
        }
    }

    // Served over http(s), Pagefind works too: offer its full-text search with the same query.
    var pagefind = document.getElementById("archive-pagefind");
    var mount = document.getElementById("archive-pagefind-ui");
    if (pagefind && /^https?:$/.test(window.location.protocol)) {
        var style = document.createElement("link");
        style.rel = "stylesheet";
        style.href = mount.dataset.style;
        document.head.appendChild(style);
        var bundle = document.createElement("script");
        bundle.src = mount.dataset.bundle;
        bundle.onload = function () {
            pagefind.hidden = false;
            var ui = new window.PagefindUI({element: "#archive-pagefind-ui", showSubResults: true, showImages: false});
            if (query) { ui.triggerSearch(query); }
        };
        document.head.appendChild(bundle);
    }
}());
{% endverbatim %}

/* cablescope: the little the pages do in the browser. Every page works without it; this adds
   the "next change" walk of a diff and the switch for entity underlines (remembered in
   localStorage). Loaded in <head> so a reader's choice applies before the first paint. */
"use strict";

(function () {
  var root = document.documentElement;
  var ENTITIES = "cablescope.entities";

  function stored(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function store(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* private mode: this page only */ }
  }

  if (stored(ENTITIES) === "off") root.classList.add("entities-off");

  /* Entity underlines on cable pages: a checkbox, shown only where there are entities. */
  function entitySwitch(box) {
    box.checked = !root.classList.contains("entities-off");
    box.addEventListener("change", function () {
      root.classList.toggle("entities-off", !box.checked);
      store(ENTITIES, box.checked ? "on" : "off");
    });
    box.closest(".entity-switch").hidden = false;
  }

  /* A diff's changes, one after the other: the nav's links, or the keys n and p. */
  function changeWalk(nav) {
    var changes = Array.prototype.slice.call(document.querySelectorAll(".diff .change"));
    var label = nav.querySelector(".change-at");
    if (!changes.length) return;

    function shown() {  // the change the address names, when it is on screen
      var at = changes.findIndex(function (c) { return "#" + c.id === location.hash; });
      if (at < 0) return -1;
      var box = changes[at].getBoundingClientRect();
      return box.bottom > 0 && box.top < window.innerHeight ? at : -1;
    }
    function below() {  // the first change starting under the nav
      var edge = nav.getBoundingClientRect().bottom + 4;
      var at = changes.findIndex(function (c) { return c.getBoundingClientRect().top > edge; });
      return at < 0 ? changes.length : at;
    }
    function go(step) {
      var at = shown();
      var next = at >= 0 ? at + step : (step > 0 ? below() : below() - 1);
      next = (next + changes.length) % changes.length;  // past the last: back to the first
      var change = changes[next];
      location.replace("#" + change.id);  // scrolls there and marks it :target, no new history
      var where = change.dataset.where ? " · " + change.dataset.where : "";
      label.textContent = "change " + (next + 1) + " of " + changes.length + " · " +
        change.dataset.kind + where;
    }
    nav.querySelector(".next-change").addEventListener("click", function (e) {
      e.preventDefault(); go(1);
    });
    nav.querySelector(".prev-change").addEventListener("click", function (e) {
      e.preventDefault(); go(-1);
    });
    document.addEventListener("keydown", function (e) {
      var typing = /^(INPUT|TEXTAREA|SELECT)$/.test((e.target && e.target.tagName) || "");
      if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === "n") go(1);
      else if (e.key === "p") go(-1);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.querySelector(".entity-switch input");
    if (box) entitySwitch(box);
    var nav = document.querySelector(".change-nav");
    if (nav) changeWalk(nav);
  });
})();

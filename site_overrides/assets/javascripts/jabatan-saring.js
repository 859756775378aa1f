/* The positions index's filter: shows the form the page keeps hidden for readers without
   JavaScript (they browse the facet lists further down instead) and hides the positions that do
   not match every chosen facet. The choice is kept in the address (?jenis=...&kamus=...), so a
   filtered list can be shared. Glue only: the facets are the data-* attributes the generator
   wrote on each item; text goes in with textContent. Works again after Material swaps the page
   (document$) and binds each form once. */
(function () {
  "use strict";

  // The select's name (also the address parameter) -> the item's data-* attribute.
  var FACETS = { jenis: "kind", jenjang: "grade", instansi: "agency", kamus: "dictionary" };

  function matches(item, chosen) {
    return Object.keys(chosen).every(function (facet) {
      var wanted = chosen[facet];
      if (!wanted) {
        return true;
      }
      var values = (item.getAttribute("data-" + FACETS[facet]) || "").split(" ");
      return values.indexOf(wanted) !== -1;
    });
  }

  function apply(form, page) {
    var chosen = {};
    Object.keys(FACETS).forEach(function (facet) {
      var select = form.elements.namedItem(facet);
      chosen[facet] = select ? select.value : "";
    });
    var shown = 0;
    var items = page.querySelectorAll(".kompetensi-jabatan-daftar > li");
    items.forEach(function (item) {
      var keep = matches(item, chosen);
      item.hidden = !keep;
      shown += keep ? 1 : 0;
    });
    page.querySelectorAll(".kompetensi-jabatan-kelompok").forEach(function (section) {
      section.hidden = !section.querySelector(".kompetensi-jabatan-daftar > li:not([hidden])");
    });
    var status = form.querySelector(".kompetensi-saring-hasil");
    status.textContent =
      shown === 0
        ? "Tidak ada jabatan yang cocok dengan saringan ini."
        : "Menampilkan " + shown + " dari " + items.length + " jabatan.";
  }

  function fromAddress(form) {
    var params = new URLSearchParams(window.location.search);
    Object.keys(FACETS).forEach(function (facet) {
      var select = form.elements.namedItem(facet);
      var wanted = params.get(facet);
      if (select && wanted && Array.from(select.options).some(function (o) {
        return o.value === wanted;
      })) {
        select.value = wanted;
      }
    });
  }

  function toAddress(form) {
    var params = new URLSearchParams(window.location.search);
    Object.keys(FACETS).forEach(function (facet) {
      var select = form.elements.namedItem(facet);
      if (select && select.value) {
        params.set(facet, select.value);
      } else {
        params.delete(facet);
      }
    });
    var query = params.toString();
    window.history.replaceState(
      window.history.state,
      "",
      window.location.pathname + (query ? "?" + query : "") + window.location.hash
    );
  }

  function bind(page) {
    var form = page.querySelector("form[data-kompetensi-saring]");
    if (!form || form.hasAttribute("data-terpasang")) {
      return;
    }
    form.setAttribute("data-terpasang", "");
    form.addEventListener("change", function () {
      apply(form, page);
      toAddress(form);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    form.addEventListener("reset", function () {
      // The reset event fires before the form's controls are reset.
      setTimeout(function () {
        apply(form, page);
        toAddress(form);
      }, 0);
    });
    form.hidden = false;
    fromAddress(form);
    apply(form, page);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () {
      bind(document);
    });
  } else {
    bind(document);
  }
})();

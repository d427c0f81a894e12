// Small behaviours without inline scripts (the Content-Security-Policy forbids them).
document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
  select.addEventListener("change", () => select.form.submit());
});
document.querySelectorAll("[data-confirm]").forEach((element) => {
  element.addEventListener("click", (event) => {
    if (!window.confirm(element.dataset.confirm)) event.preventDefault();
  });
});

// Searchable selects (LedgerForm marks them): every multi-select, and single selects with many options, become
// Tom Select boxes (served locally from the npm package), so that a name is typed rather than Ctrl-clicked.
const SEARCHABLE_FROM = 10;
if (window.TomSelect) {
  document.querySelectorAll("select[data-searchable]").forEach((select) => {
    const multiple = select.multiple;
    if (!multiple && select.options.length < SEARCHABLE_FROM) return;
    const plugins = multiple ? ["remove_button", "clear_button"] : [];
    new window.TomSelect(select, {
      plugins,
      maxOptions: null,
      placeholder: select.dataset.placeholder || "",
      hidePlaceholder: false,
      allowEmptyOption: !multiple,
      render: { no_results: () => {
        const element = document.createElement("div");
        element.className = "no-results";
        element.textContent = document.body.dataset.noResults || "";
        return element;
      } },
    });
  });
}

// The error summary of a form takes the focus, and each of its links puts the cursor in its field (a Tom Select
// box's own input when the field has one).
const summary = document.querySelector("[data-focus-on-load]");
if (summary) summary.focus();
document.querySelectorAll("a[data-focus-field]").forEach((link) => {
  link.addEventListener("click", (event) => {
    const field = document.getElementById(link.dataset.focusField);
    if (!field) return;
    event.preventDefault();
    const target = field.tomselect ? field.tomselect.control_input : field;
    (field.closest(".mb-3") || field).scrollIntoView({ block: "center" });
    target.focus();
  });
});

// Wide tables scroll sideways inside their card: a shadow at the edge that has more, and a hint above.
document.querySelectorAll(".table-responsive").forEach((box) => {
  const hint = document.createElement("div");
  hint.className = "scroll-hint small text-muted";
  hint.textContent = document.body.dataset.scrollHint || "";
  hint.hidden = true;
  box.parentNode.insertBefore(hint, box);
  const update = () => {
    const more = box.scrollWidth - box.clientWidth;
    const overflowing = more > 2;
    hint.hidden = !overflowing;
    box.classList.toggle("more-left", overflowing && box.scrollLeft > 2);
    box.classList.toggle("more-right", overflowing && box.scrollLeft < more - 2);
  };
  box.addEventListener("scroll", update, { passive: true });
  window.addEventListener("resize", update);
  update();
});

// The subsection editor: a click on a figure chip inserts its placeholder at the cursor ({key}, or
// {key:以上} for the "at least" form), and the preview shows the text with the figures as they print.
(() => {
  const prose = document.querySelector("textarea[name=prose]");
  const preview = document.getElementById("prose-preview");
  const atLeast = document.getElementById("insert-at-least");
  const chips = document.querySelectorAll("[data-insert-placeholder]");
  if (!prose) return;

  const printed = new Map();
  chips.forEach((chip) => {
    const key = chip.dataset.insertPlaceholder.slice(1, -1);
    printed.set(key, chip.dataset.printed);
    printed.set(`${key}:以上`, chip.dataset.printedAtLeast);
  });

  const placeholder = /[{｛]([^{}｛｝\n]*)[}｝]/g;
  function renderPreview() {
    if (!preview) return;
    preview.replaceChildren();
    prose.value.split("\n").filter((line) => line.trim()).forEach((line) => {
      const paragraph = document.createElement("p");
      paragraph.className = "mb-1";
      let last = 0;
      for (const match of line.matchAll(placeholder)) {
        paragraph.append(line.slice(last, match.index));
        const key = match[1].replace("：", ":").split(":").map((part) => part.trim()).join(":");
        const figure = document.createElement("mark");
        figure.textContent = printed.has(key) ? printed.get(key) : match[0];
        if (!printed.has(key)) figure.className = "text-danger";
        paragraph.append(figure);
        last = match.index + match[0].length;
      }
      paragraph.append(line.slice(last));
      preview.append(paragraph);
    });
  }

  chips.forEach((chip) => {
    chip.addEventListener("click", () => {
      let text = chip.dataset.insertPlaceholder;
      if (atLeast && atLeast.checked) text = `${text.slice(0, -1)}:以上}`;
      const start = prose.selectionStart ?? prose.value.length;
      const end = prose.selectionEnd ?? start;
      prose.value = prose.value.slice(0, start) + text + prose.value.slice(end);
      prose.focus();
      prose.setSelectionRange(start + text.length, start + text.length);
      renderPreview();
    });
  });
  prose.addEventListener("input", renderPreview);
  renderPreview();
})();

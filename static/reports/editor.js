// The subsection editor: a click on an available figure inserts its placeholder at the cursor.
document.querySelectorAll("[data-insert-placeholder]").forEach((button) => {
  button.addEventListener("click", () => {
    const prose = document.querySelector("textarea[name=prose]");
    if (!prose) return;
    const text = button.dataset.insertPlaceholder;
    const start = prose.selectionStart ?? prose.value.length;
    const end = prose.selectionEnd ?? start;
    prose.value = prose.value.slice(0, start) + text + prose.value.slice(end);
    prose.focus();
    prose.setSelectionRange(start + text.length, start + text.length);
  });
});

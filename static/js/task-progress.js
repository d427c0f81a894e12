// Follows a background task (township.tasks) without inline scripts: polls its JSON status every second,
// moves the bar and the counters, and reloads the page once the task is finished (the page then shows the
// result). Without JavaScript the page's refresh link does the same by hand.
(() => {
  const box = document.querySelector("[data-task-status-url]");
  if (!box || box.dataset.taskFinished === "1") return;
  const bar = box.querySelector("[data-task-bar]");
  const show = (status) => {
    if (bar && status.max) {
      bar.max = status.max;
      bar.value = status.value;
      bar.textContent = `${status.value} / ${status.max}`;
    }
    box.querySelectorAll("[data-task-counter]").forEach((element) => {
      element.textContent = status.counters[element.dataset.taskCounter] ?? 0;
    });
    box.querySelectorAll("[data-task-field]").forEach((element) => {
      const value = status[element.dataset.taskField];
      if (value !== undefined && value !== "") element.textContent = value;
    });
  };
  const poll = async () => {
    try {
      const response = await fetch(box.dataset.taskStatusUrl, { headers: { Accept: "application/json" } });
      if (response.ok) {
        const status = await response.json();
        if (status.finished) {
          window.location.reload();
          return;
        }
        show(status);
      }
    } catch (error) {
      // the connection may come back (a laptop waking up): keep asking
    }
    window.setTimeout(poll, 1000);
  };
  window.setTimeout(poll, 1000);
})();

// gluekit ui: a little script on top of server-rendered pages. Every page works without it;
// it adds the Sync button's progress, the row filter, copy buttons, opening a plan file, and "/".

const statusBox = () => document.querySelector('.sync-status');

function showStatus(message, state) {
  const box = statusBox();
  if (!box) return;
  box.textContent = message;
  box.dataset.state = state;
  box.hidden = false;
}

// Sync: POST /sync, say how it went, then show the fresh data.
for (const form of document.querySelectorAll('form[data-sync]')) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button');
    if (button) button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    showStatus('Syncing: reading what changed in IT Glue…', 'busy');
    try {
      const response = await fetch('/sync', {
        method: 'POST',
        headers: { accept: 'application/json' },
      });
      const body = await response.json();
      showStatus(body.message, body.ok ? 'done' : 'error');
      if (body.ok) {
        document.body.dataset.synced = 'true';
        window.location.reload();
        return;
      }
    } catch (error) {
      showStatus(`Sync failed: ${error.message}`, 'error');
    }
    form.removeAttribute('aria-busy');
    if (button) button.disabled = false;
  });
}

// Row filter: hide rows whose header cell does not contain the text.
for (const input of document.querySelectorAll('input[data-filter-rows]')) {
  const rows = () => document.querySelectorAll(input.dataset.filterRows);
  const none = input.closest('.panel')?.querySelector('.filter-empty');
  input.addEventListener('input', () => {
    const wanted = input.value.trim().toLowerCase();
    let shown = 0;
    for (const row of rows()) {
      const name = row.querySelector('th')?.textContent.toLowerCase() ?? '';
      const match = wanted === '' || name.includes(wanted);
      row.hidden = !match;
      if (match) shown++;
    }
    if (none) none.hidden = shown > 0;
  });
}

// Copy buttons: the text of the element named by data-copy.
document.addEventListener('click', async (event) => {
  const button = event.target.closest('[data-copy]');
  if (!button) return;
  const source = document.querySelector(button.dataset.copy);
  if (!source) return;
  const text = source.textContent;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const range = document.createRange();
    range.selectNodeContents(source);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
  button.textContent = 'Copied';
  button.dataset.copied = 'true';
  setTimeout(() => {
    button.textContent = 'Copy';
  }, 1500);
});

// Plan file: the page reads it and asks this server to render the review (it goes nowhere else).
for (const input of document.querySelectorAll('input[data-plan-file]')) {
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (!file) return;
    const target = document.getElementById('plan-review');
    const response = await fetch('/plan', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-plan-name': encodeURIComponent(file.name) },
      body: await file.text(),
    });
    const markup = await response.text();
    // The server escaped every value of the plan; the page's policy runs no inline script anyway.
    const holder = document.createElement('div');
    holder.innerHTML = markup;
    const review = holder.firstElementChild;
    if (target && review) {
      target.replaceWith(review);
      const heading = review.querySelector('h2, [role="alert"]');
      if (heading) {
        heading.setAttribute('tabindex', '-1');
        heading.focus();
      }
    }
  });
}

// "/" puts the cursor in the search box, as on most sites.
document.addEventListener('keydown', (event) => {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
  const active = document.activeElement;
  if (active && (active.tagName === 'INPUT' || active.tagName === 'TEXTAREA' || active.isContentEditable))
    return;
  const box = document.querySelector('.search-box input');
  if (box) {
    event.preventDefault();
    box.focus();
    box.select();
  }
});

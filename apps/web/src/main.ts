/** The browser UI's entry. Later issues add the alignment report, plan editor, intel inbox and screening. */
interface Health {
  status: string;
  version: string;
  database: string;
}

async function render(root: HTMLElement) {
  try {
    const res = await fetch('/healthz');
    const health = (await res.json()) as Health;
    const ok = health.status === 'ok';
    root.innerHTML = '';
    const p = document.createElement('p');
    p.className = ok ? 'status-ok' : 'status-bad';
    p.textContent = `Hub ${health.version}: ${health.status} (database ${health.database})`;
    const api = document.createElement('p');
    api.innerHTML = 'API: <a href="/api/v1/openapi.json">OpenAPI 3.1 document</a>';
    root.append(p, api);
  } catch (e) {
    root.textContent = `The hub does not answer: ${(e as Error).message}`;
  }
}

const root = document.getElementById('app');
if (root) void render(root);

// @ts-check
/**
 * The CLI as one esbuild bundle, `apps/cli/dist/ewto.mjs` (ADR 0001): `pnpm ewto` and
 * `node apps/cli/dist/ewto.mjs` start without compiling TypeScript. The bundle is rebuilt when a
 * source it was built from is newer: every workspace file in esbuild's import graph (apps/cli,
 * packages/*, schemas/ — a new command is picked up through the file that imports it), plus the
 * lockfile and pnpm's install state for the npm packages inside it.
 *
 * `node apps/cli/scripts/bundle.mjs` builds when stale (`--force`: always); `--check` exits 1
 * when stale, naming the first newer source.
 */
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const cliDir = fileURLToPath(new URL('..', import.meta.url));
export const repoRoot = resolve(cliDir, '../..');
export const defaultBundle = join(cliDir, 'dist/ewto.mjs');
const entry = join(cliDir, 'src/bin.ts');
/** Bump when the shape of what is built changes, so older bundles count as stale. */
const FORMAT = 1;

/**
 * Files outside the import graph that change what the bundle holds: the lockfile and pnpm's record
 * of the last install (npm packages are bundled too), this script, the CLI's package.json.
 */
const ALSO = [
  'pnpm-lock.yaml',
  'node_modules/.modules.yaml',
  'apps/cli/scripts/bundle.mjs',
  'apps/cli/package.json',
];

/**
 * npm packages loaded from node_modules at their first use instead of at start: libsql (a native
 * addon, which cannot be bundled) and ws (only the libsql client's remote mode needs it). Together
 * they were a fifth of `ewto --help`'s start. Each name is an export the bundled code imports.
 */
const LAZY = { libsql: ['default'], ws: ['default', 'WebSocket', 'WebSocketServer'] };

/** @param {string} bundle */
const manifestOf = (bundle) => bundle.replace(/\.mjs$/, '.inputs.json');

/**
 * Why the bundle must be rebuilt, or null when it is fresh. Sync `stat`s of the ~150 workspace
 * sources: a few milliseconds, paid on every `pnpm ewto`.
 * @param {string} [bundle]
 * @returns {string | null}
 */
export function staleReason(bundle = defaultBundle) {
  /** @type {{ format: number; startedAt: number; inputs: string[] }} */
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestOf(bundle), 'utf8'));
    statSync(bundle);
  } catch {
    return `${relative(repoRoot, bundle)} has not been built`;
  }
  if (manifest.format !== FORMAT) return 'the bundle format changed';
  for (const rel of manifest.inputs) {
    let mtime;
    try {
      mtime = statSync(join(repoRoot, rel)).mtimeMs;
    } catch {
      return `${rel} is gone`;
    }
    if (mtime > manifest.startedAt) return `${rel} changed`;
  }
  for (const rel of ALSO) {
    let mtime;
    try {
      mtime = statSync(join(repoRoot, rel)).mtimeMs;
    } catch {
      continue; // e.g. no node_modules/.modules.yaml outside pnpm
    }
    if (mtime > manifest.startedAt) return `${rel} changed`;
  }
  return null;
}

/**
 * Builds the bundle (written to a temporary file, then renamed: a concurrent run never sees half a
 * file) and the list of its workspace sources beside it.
 * @param {{ bundle?: string }} [options]
 * @returns {Promise<{ inputs: string[] }>}
 */
export async function buildBundle({ bundle = defaultBundle } = {}) {
  const { build } = await import('esbuild');
  const outDir = dirname(bundle);
  const startedAt = Date.now();
  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints: [entry],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    write: false,
    metafile: true,
    sourcemap: 'linked',
    // A third less to parse at every start; names are kept for readable stack traces.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'silent',
    banner: {
      js: [
        '// Built by apps/cli/scripts/bundle.mjs from apps/cli/src/bin.ts: do not edit.',
        "import { createRequire as __ewtoCreateRequire } from 'node:module';",
        "import { fileURLToPath as __ewtoFileURLToPath } from 'node:url';",
        'const require = __ewtoCreateRequire(import.meta.url);',
        'const __ewtoSource = (p) => new URL(p, import.meta.url);',
      ].join('\n'),
    },
    plugins: [lazyPackages(outDir), sourceLocations(outDir)],
  });
  const inputs = Object.keys(result.metafile.inputs)
    .filter((p) => !p.split('/').includes('node_modules'))
    .sort();
  await mkdir(outDir, { recursive: true });
  for (const file of result.outputFiles) {
    const tmp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(tmp, file.contents);
    renameSync(tmp, file.path);
  }
  const manifest = `${manifestOf(bundle)}.${process.pid}.tmp`;
  writeFileSync(manifest, `${JSON.stringify({ format: FORMAT, startedAt, inputs }, null, 1)}\n`);
  renameSync(manifest, manifestOf(bundle));
  return { inputs };
}

/**
 * Builds the bundle when it is stale.
 * @param {{ bundle?: string; log?: (line: string) => void }} [options]
 * @returns {Promise<boolean>} whether it was rebuilt
 */
export async function ensureBundle({ bundle = defaultBundle, log = () => {} } = {}) {
  const why = staleReason(bundle);
  if (!why) return false;
  log(`ewto: building ${relative(process.cwd(), bundle) || bundle} (${why})`);
  await buildBundle({ bundle });
  return true;
}

/**
 * The packages of LAZY become small modules of the bundle whose exports are proxies: the package
 * is `require`d (by a path relative to the bundle, resolved as from the file importing it, so the
 * repository may move) when an export is first called, constructed or read.
 * @param {string} outDir
 * @returns {import('esbuild').Plugin}
 */
function lazyPackages(outDir) {
  const filter = new RegExp(`^(${Object.keys(LAZY).join('|')})$`);
  return {
    name: 'ewto-lazy-packages',
    setup(b) {
      b.onResolve({ filter }, (args) => {
        const file = createRequire(join(args.resolveDir, 'index.js')).resolve(args.path);
        return {
          path: `./${relative(outDir, file).split(sep).join('/')}`,
          namespace: 'ewto-lazy',
          pluginData: /** @type {keyof typeof LAZY} */ (args.path),
        };
      });
      b.onLoad({ filter: /.*/, namespace: 'ewto-lazy' }, (args) => {
        const names = LAZY[/** @type {keyof typeof LAZY} */ (args.pluginData)];
        const lines = [
          "import { createRequire } from 'node:module';",
          'let loaded;',
          `const load = () => (loaded ??= createRequire(import.meta.url)(${JSON.stringify(args.path)}));`,
          'const lazy = (pick) => {',
          '  const proxy = new Proxy(function () {}, {',
          '    apply: (_, self, args) => Reflect.apply(pick(), self, args),',
          '    construct: (_, args, target) => Reflect.construct(pick(), args, target === proxy ? pick() : target),',
          '    get: (_, key) => Reflect.get(pick(), key),',
          '    set: (_, key, value) => Reflect.set(pick(), key, value),',
          '    has: (_, key) => Reflect.has(pick(), key),',
          '  });',
          '  return proxy;',
          '};',
          ...names.map((n) =>
            n === 'default' ? 'export default lazy(load);' : `export const ${n} = lazy(() => load().${n});`,
          ),
        ];
        return { contents: lines.join('\n'), loader: 'js', resolveDir: outDir };
      });
    },
  };
}

/**
 * Workspace sources find their data (policies/, migrations) relative to `import.meta.url`; in the
 * bundle that would be dist/ewto.mjs. Each workspace file's `import.meta.url`/`dirname`/`filename`
 * becomes its own location, computed from the bundle's (so the repository may move).
 * @param {string} outDir
 * @returns {import('esbuild').Plugin}
 */
function sourceLocations(outDir) {
  return {
    name: 'ewto-source-locations',
    setup(b) {
      b.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
        if (args.path.split(sep).includes('node_modules')) return undefined;
        const text = await readFile(args.path, 'utf8');
        if (!text.includes('import.meta.')) return { contents: text, loader: 'ts' };
        const rel = relative(outDir, args.path).split(sep).join('/');
        const file = `__ewtoFileURLToPath(__ewtoSource(${JSON.stringify(rel)}))`;
        const dir = `__ewtoFileURLToPath(__ewtoSource(${JSON.stringify(rel.replace(/[^/]*$/, '') || './')})).replace(/\\/$/, '')`;
        const contents = text
          .replaceAll('import.meta.url', `__ewtoSource(${JSON.stringify(rel)}).href`)
          .replaceAll('import.meta.dirname', dir)
          .replaceAll('import.meta.filename', file);
        return { contents, loader: 'ts' };
      });
    },
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args.includes('--check')) {
    const why = staleReason();
    console.log(why ? `stale: ${why}` : 'fresh');
    process.exitCode = why ? 1 : 0;
  } else if (args.includes('--force')) {
    const { inputs } = await buildBundle();
    console.log(`built ${relative(process.cwd(), defaultBundle)} from ${inputs.length} workspace sources`);
  } else {
    await ensureBundle({ log: (l) => console.log(l) });
  }
}

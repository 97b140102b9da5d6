#!/usr/bin/env node
// ajv-check.mjs - the peer of `flowrec check` in the benchmark: js-yaml + Ajv on every record.
//
//   node tools/bench/ajv-check.mjs [TEAMDIR]          every TEAMDIR/records/**/*.md (default .)
//   node tools/bench/ajv-check.mjs --yaml DIR         every DIR/**/*.yaml, already plain YAML
//   options: --schemas DIR (default: the repository's schemas/), --modules DIR (node_modules
//            holding ajv, ajv-formats, js-yaml; default build-bench/node_modules or $BENCH_MODULES)
//
// For each file: split the front-matter (a first line '---', up to the next '---' or '...' line,
// as flowrec does; --yaml skips this), parse it with js-yaml's YAML 1.2 core schema, pick the
// schema by `kind`, validate with Ajv (draft 2020-12, ajv-formats for date, time, date-time and
// email, strict: false so `x-rule` and `title` are accepted, allErrors as flowrec reports every
// defect). Each schema is compiled once. Files are read synchronously, one after another (one
// thread, like flowrec today). Prints "FILES files, ERRORS errors (K invalid files)" and exits 1
// when there are errors, 2 on a usage or I/O failure. Only schema errors: none of the handbook's
// rules in code (cross-record rules, dates, roster), which `flowrec check` does as well.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
let schemasDir = path.join(here, '../../schemas');
let modules = process.env.BENCH_MODULES || path.join(here, '../../build-bench/node_modules');
let yamlDir = null, team = '.';
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--schemas') schemasDir = args[++i];
  else if (args[i] === '--modules') modules = args[++i];
  else if (args[i] === '--yaml') yamlDir = args[++i];
  else if (args[i].startsWith('-')) { console.error(`ajv-check: unknown option ${args[i]}`); process.exit(2); }
  else team = args[i];
}
const require = createRequire(path.join(path.resolve(modules), 'noop.js'));
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;
const yaml = require('js-yaml');

// ---- the schemas, compiled once ----
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv, ['date', 'time', 'date-time', 'email']);
const validators = new Map();
for (const f of fs.readdirSync(schemasDir).sort()) {
  if (!f.endsWith('.yaml') || f === 'flowrec-config.yaml') continue;
  const schema = yaml.load(fs.readFileSync(path.join(schemasDir, f), 'utf8'), { schema: yaml.CORE_SCHEMA });
  const kind = schema?.properties?.kind?.const;
  if (!kind) { console.error(`ajv-check: ${f} has no properties.kind.const`); process.exit(2); }
  validators.set(kind, ajv.compile(schema));
}

// ---- the files ----
function walk(dir, ext, out) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, ext, out);
    else if (e.isFile() && e.name.endsWith(ext)) out.push(p);
  }
  return out;
}

const MARK = /^(---|\.\.\.)[ \t\r]*$/;
// The front-matter text, or null when the file has none (flowrec's X-FRONTMATTER).
function frontMatter(src) {
  if (src.charCodeAt(0) === 0xfeff) src = src.slice(1);
  let nl = src.indexOf('\n');
  if (nl < 0 || !/^---[ \t\r]*$/.test(src.slice(0, nl))) return null;
  const start = nl + 1;
  for (let p = start; p < src.length; p = nl + 1) {
    nl = src.indexOf('\n', p);
    if (nl < 0) nl = src.length;
    if (MARK.test(src.slice(p, nl))) return src.slice(start, p);
  }
  return null;
}

const files = yamlDir ? walk(yamlDir, '.yaml', []) : walk(path.join(team, 'records'), '.md', []);
files.sort();
let errors = 0, invalid = 0;
const complain = (file, msg) => {
  errors++;
  if (errors <= 20) console.error(`${file}: ${msg}`);
};
for (const file of files) {
  const src = fs.readFileSync(file, 'utf8');
  const fm = yamlDir ? src : frontMatter(src);
  const before = errors;
  if (fm === null) {
    complain(file, 'no front-matter');
  } else {
    let doc;
    try {
      doc = yaml.load(fm, { schema: yaml.CORE_SCHEMA });
    } catch (e) {
      complain(file, `YAML: ${e.reason || e.message}`);
    }
    if (doc !== undefined) {
      const validate = validators.get(doc?.kind);
      if (!validate) complain(file, `unknown kind '${doc?.kind}'`);
      else if (!validate(doc)) for (const e of validate.errors) complain(file, `${e.instancePath || '/'} ${e.message}`);
    }
  }
  if (errors > before) invalid++;
}
console.log(`${files.length} files, ${errors} errors (${invalid} invalid files)`);
process.exit(errors ? 1 : 0);

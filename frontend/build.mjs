#!/usr/bin/env node
// Copies the vendor front-end files OpenKP serves into frontend/dist/.
// Django's STATICFILES_DIRS includes frontend/dist, so dist/gds/... is served as /static/gds/....
// Plain Node (no bundler); run `npm ci --prefix frontend && node frontend/build.mjs`.
// Idempotent: dist/ is removed and written anew on every run.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const frontendDir = path.dirname(fileURLToPath(import.meta.url));
const modulesDir = path.join(frontendDir, "node_modules");
const distDir = path.join(frontendDir, "dist");

const gds = (pkg, ...parts) => path.join(modulesDir, "@gov-design-system-ce", pkg, ...parts);
const stylesHtml = gds("styles", "lib", "html");

// The html/ component CSS files the OpenKP templates use (see openkp/core/templates/gds/ and
// docs/ui.md). Add a name here when a page starts using another GDS pattern; the full
// components.css bundle is 918 kB, these are a fraction of it.
const HTML_COMPONENTS = [
  "gov-accordion",
  "gov-accordion-item",
  "gov-breadcrumbs",
  "gov-button",
  "gov-card",
  "gov-container",
  "gov-control-group",
  "gov-empty",
  "gov-error-code",
  "gov-form-checkbox",
  "gov-form-control",
  "gov-form-group",
  "gov-form-input",
  "gov-form-label",
  "gov-form-message",
  "gov-form-radio",
  "gov-form-search",
  "gov-form-select",
  "gov-grid",
  "gov-grid-item",
  "gov-icon",
  "gov-layout",
  "gov-layout-column",
  "gov-link",
  "gov-message",
  "gov-pagination",
  "gov-stepper",
  "gov-stepper-item",
  "gov-tag",
  "gov-tile",
];

// Base html/ CSS, in cascade order, before the component files.
const HTML_BASE = ["tokens.css", "styles.css", "layout.css", "content.css", "animations.css", "print.css"];

function fail(message) {
  console.error(`frontend/build.mjs: ${message}`);
  process.exit(1);
}

function requireInstalled() {
  const packages = [
    gds("components", "package.json"),
    gds("styles", "package.json"),
    gds("icons", "package.json"),
    gds("fonts", "package.json"),
    path.join(modulesDir, "htmx.org", "package.json"),
    path.join(modulesDir, "axe-core", "package.json"),
    path.join(modulesDir, "leaflet", "package.json"),
    path.join(modulesDir, "sortablejs", "package.json"),
  ];
  const missing = packages.filter((file) => !fs.existsSync(file));
  if (missing.length) {
    fail(
      `node_modules is missing or incomplete (${missing.map((f) => path.relative(frontendDir, path.dirname(f))).join(", ")}).\n` +
        "Run `npm ci --prefix frontend` first, then `node frontend/build.mjs`.",
    );
  }
}

function copyFile(from, to) {
  if (!fs.existsSync(from)) fail(`expected file not found: ${path.relative(frontendDir, from)}`);
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}

function copyDir(from, to, filter = () => true) {
  if (!fs.existsSync(from)) fail(`expected folder not found: ${path.relative(frontendDir, from)}`);
  fs.cpSync(from, to, { recursive: true, filter: (src) => fs.statSync(src).isDirectory() || filter(src) });
}

function buildCss() {
  const cssDir = path.join(distDir, "gds", "css", "html");
  for (const name of HTML_BASE) copyFile(path.join(stylesHtml, name), path.join(cssDir, name));
  for (const name of HTML_COMPONENTS) {
    copyFile(path.join(stylesHtml, "components", `${name}.css`), path.join(cssDir, "components", `${name}.css`));
  }
  // One file for pages to link: base + the chosen components, concatenated in order, so a page
  // makes one request instead of ~35. The separate files stay for anyone who wants a subset.
  const parts = [
    ...HTML_BASE.map((name) => path.join(stylesHtml, name)),
    ...HTML_COMPONENTS.map((name) => path.join(stylesHtml, "components", `${name}.css`)),
  ];
  const bundle = parts
    .map((file) => {
      // Some package files begin with a UTF-8 BOM; strip it so the concatenation stays valid.
      const text = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "");
      return `/* ${path.relative(stylesHtml, file)} */\n${text.trim()}\n`;
    })
    .join("");
  fs.writeFileSync(path.join(cssDir, "gds.css"), bundle);
}

function buildFonts() {
  const fontsDir = path.join(distDir, "gds", "fonts");
  const source = gds("fonts", "lib");
  // roboto.css already uses relative url('roboto-*.woff2'); copying it next to the woff2 files
  // keeps them resolvable. (components/dist/core/core.css points at a 404 path, see the guide.)
  const css = fs.readFileSync(path.join(source, "roboto.css"), "utf8").replaceAll("font-display: auto", "font-display: swap");
  if (/url\(['"]?\//.test(css)) fail("roboto.css has an absolute url(); expected relative font URLs");
  fs.mkdirSync(fontsDir, { recursive: true });
  fs.writeFileSync(path.join(fontsDir, "roboto.css"), css);
  const woff2 = fs.readdirSync(source).filter((name) => name.endsWith(".woff2"));
  if (woff2.length === 0) fail("no .woff2 files found in @gov-design-system-ce/fonts/lib");
  for (const name of woff2) copyFile(path.join(source, name), path.join(fontsDir, name));
}

function buildIcons() {
  for (const kind of ["components", "complex", "colored"]) {
    copyDir(gds("icons", "lib", kind), path.join(distDir, "gds", "icons", kind));
  }
}

function buildCore() {
  // Includes the *.map files: without them ManifestStaticFilesStorage fails in collectstatic.
  copyDir(gds("components", "dist", "core"), path.join(distDir, "gds", "core"));
}

function folderSize(dir) {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? folderSize(full) : fs.statSync(full).size;
  }
  return total;
}

requireInstalled();
fs.rmSync(distDir, { recursive: true, force: true });
buildCore();
buildCss();
buildFonts();
buildIcons();
copyFile(path.join(modulesDir, "htmx.org", "dist", "htmx.min.js"), path.join(distDir, "htmx", "htmx.min.js"));
copyFile(path.join(modulesDir, "axe-core", "axe.min.js"), path.join(distDir, "axe", "axe.min.js"));
copyFile(path.join(modulesDir, "sortablejs", "Sortable.min.js"), path.join(distDir, "sortable", "Sortable.min.js"));
for (const file of ["leaflet.js", "leaflet.js.map", "leaflet.css"]) {
  copyFile(path.join(modulesDir, "leaflet", "dist", file), path.join(distDir, "leaflet", file));
}
for (const file of fs.readdirSync(path.join(modulesDir, "leaflet", "dist", "images"))) {
  copyFile(path.join(modulesDir, "leaflet", "dist", "images", file), path.join(distDir, "leaflet", "images", file));
}

const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
const summary = ["gds/core", "gds/css", "gds/fonts", "gds/icons", "htmx", "axe", "leaflet", "sortable"]
  .map((sub) => `${sub} ${kib(folderSize(path.join(distDir, sub)))}`)
  .join(", ");
console.log(`frontend/dist written (${kib(folderSize(distDir))}): ${summary}`);

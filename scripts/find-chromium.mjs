// Finds the Chromium that the browser tests drive.
//
// Order: $CHROMIUM_PATH, Debian's /usr/bin/chromium, then a browser downloaded by Playwright
// (if one was ever downloaded on this machine). `ensureChromium()` additionally installs
// Debian's `chromium` package when nothing is found on a Debian machine running as root.
//
//   node scripts/find-chromium.mjs            prints the path, or explains how to get one
//   node scripts/find-chromium.mjs --install  installs Debian's chromium when missing
import { execFileSync, spawnSync } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const DEBIAN_CHROMIUM = "/usr/bin/chromium";

/** Flags Chromium needs on these machines (containers, no GPU, no network to Google). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const HOW_TO_GET_CHROMIUM =
  "No Chromium found for the browser tests. Install one (Debian/Ubuntu: `apt-get install chromium`) " +
  "or point CHROMIUM_PATH at a Chromium or Chrome executable.";

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function playwrightChromium() {
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require("playwright-core");
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/**
 * The Chromium to use, or undefined when there is none. Never installs anything.
 * @returns {{ path: string, source: string } | undefined}
 */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    // An explicit choice that does not exist is an error, not a reason to pick another one.
    if (!isExecutable(fromEnv)) {
      throw new Error(`CHROMIUM_PATH=${fromEnv} is not an executable file.`);
    }
    return { path: fromEnv, source: "CHROMIUM_PATH" };
  }
  if (isExecutable(DEBIAN_CHROMIUM)) return { path: DEBIAN_CHROMIUM, source: "Debian package" };
  const downloaded = playwrightChromium();
  if (downloaded && isExecutable(downloaded)) {
    return { path: downloaded, source: "Playwright's downloaded browser" };
  }
  return undefined;
}

function isDebianAsRoot() {
  return existsSync("/etc/debian_version") && typeof process.getuid === "function" && process.getuid() === 0;
}

function chromiumVersion(path) {
  try {
    return execFileSync(path, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
}

/**
 * Like findChromium(), but installs Debian's `chromium` package when nothing is found and this
 * is a Debian machine where we are root. Throws with instructions otherwise.
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {{ path: string, source: string }}
 */
export function ensureChromium({ log = (line) => console.log(line) } = {}) {
  const found = findChromium();
  if (found) return found;
  if (!isDebianAsRoot()) throw new Error(HOW_TO_GET_CHROMIUM);

  log("No Chromium found: installing Debian's chromium package (apt-get update && apt-get install -y chromium)...");
  const started = Date.now();
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update"], ["install", "-y", "chromium"]]) {
    const result = spawnSync("apt-get", args, { env, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
    if (result.status !== 0) {
      const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim().split("\n").slice(-20).join("\n");
      throw new Error(`apt-get ${args.join(" ")} failed (exit ${result.status ?? result.signal}):\n${output}\n\n${HOW_TO_GET_CHROMIUM}`);
    }
  }
  if (!isExecutable(DEBIAN_CHROMIUM)) {
    throw new Error(`apt-get installed chromium but ${DEBIAN_CHROMIUM} is missing.\n${HOW_TO_GET_CHROMIUM}`);
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  log(`Installed ${chromiumVersion(DEBIAN_CHROMIUM) || "Chromium"} at ${DEBIAN_CHROMIUM} in ${seconds} s.`);
  return { path: DEBIAN_CHROMIUM, source: "Debian package (just installed)" };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const found = process.argv.includes("--install") ? ensureChromium() : findChromium();
    if (!found) throw new Error(HOW_TO_GET_CHROMIUM);
    console.log(found.path);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

// `npm run ob -- <command> …`: Open Badges tools from the command line.
// Each command is one entry in COMMANDS; it returns the process exit code.
import { readFile } from "node:fs/promises";
import { ObInputError } from "@/lib/ob/errors";
import { verifyCredential, type VerificationResult } from "@/lib/ob/verify";

type Command = {
  usage: string;
  summary: string;
  run(args: string[]): Promise<number>;
};

class UsageError extends Error {}

/** Splits `--name value` options (repeatable) from positional arguments. */
function parseArgs(args: string[], known: string[]): { positional: string[]; options: Map<string, string[]> } {
  const positional: string[] = [];
  const options = new Map<string, string[]>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split("=", 2);
    if (!known.includes(name)) throw new UsageError(`unknown option --${name}`);
    const value = inline ?? args[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    options.set(name, [...(options.get(name) ?? []), value]);
  }
  return { positional, options };
}

function print(result: VerificationResult): void {
  process.stdout.write(JSON.stringify(result, null, 2) + "\n");
}

async function refuseOffline(url: string): Promise<never> {
  throw new ObInputError("fetch_failed", `Not fetched (--offline): ${url}`);
}

/** The exit code of each verdict: 0 valid, 1 invalid, 2 unreadable, 3 cannot check. */
const EXIT_CODES: Record<VerificationResult["verdict"], number> = { valid: 0, invalid: 1, unreadable: 2, indeterminate: 3 };

const COMMANDS: Record<string, Command> = {
  verify: {
    usage: "verify <file|url> [--allow-origin <origin>]… [--now <ISO date>] [--offline]",
    summary:
      "Verify a credential (JSON-LD, VC-JWT, baked PNG/SVG, OB 1.0/2.0) and print the result as JSON. Exit 0 valid, 1 invalid, 2 unreadable, 3 cannot check. --offline fetches nothing: what needs the network cannot be checked.",
    async run(args) {
      const offline = args.includes("--offline");
      const { positional, options } = parseArgs(
        args.filter((arg) => arg !== "--offline"),
        ["allow-origin", "now"],
      );
      if (positional.length !== 1) throw new UsageError("verify takes one file or URL");
      const [target] = positional;
      const nowOption = options.get("now")?.at(-1);
      const now = nowOption === undefined ? undefined : new Date(nowOption);
      if (now && Number.isNaN(now.getTime())) throw new UsageError(`--now is not a date: ${nowOption}`);

      let input: string | Uint8Array = target;
      if (!/^https?:\/\//i.test(target)) {
        try {
          input = new Uint8Array(await readFile(target));
        } catch (error) {
          const result: VerificationResult = {
            valid: false,
            verdict: "unreadable",
            format: "unknown",
            checks: [],
            error: { code: "file_unreadable", message: `Could not read ${target}: ${(error as Error).message}` },
          };
          print(result);
          return 2;
        }
      }
      const result = await verifyCredential(input, {
        allowOrigins: options.get("allow-origin"),
        now,
        ...(offline && { fetchRemote: refuseOffline, fetchInput: refuseOffline }),
      });
      print(result);
      return EXIT_CODES[result.verdict];
    },
  },
  keys: {
    usage: "keys rotate --org <slug>",
    summary: "Give an organization a new active signing key; earlier keys stay published so old credentials verify.",
    async run(args) {
      const [action, ...rest] = args;
      if (action !== "rotate") throw new UsageError("keys takes the action rotate");
      const slug = parseArgs(rest, ["org"]).options.get("org")?.at(-1);
      if (!slug) throw new UsageError("keys rotate needs --org <slug>");
      // Only this command touches the database; `verify` works without one.
      const { closeDb, db, ensureDb } = await import("@/lib/db");
      const { rotateSigningKey } = await import("@/lib/issuing/signing-keys");
      try {
        await ensureDb();
        const org = await db.organization.findUnique({ where: { slug }, select: { id: true, name: true } });
        if (!org) {
          process.stderr.write(`No organization with the slug ${slug}\n`);
          return 1;
        }
        const key = await rotateSigningKey(org.id);
        process.stdout.write(`${JSON.stringify({ organization: org.name, activeKey: key.id, publicKeyMultibase: key.publicKeyMultibase }, null, 2)}\n`);
        return 0;
      } finally {
        await closeDb();
      }
    },
  },
};

function usage(): string {
  const lines = Object.values(COMMANDS).map((c) => `  npm run ob -- ${c.usage}\n      ${c.summary}`);
  return `Usage:\n${lines.join("\n")}\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write((name && name !== "help" && name !== "--help" ? `Unknown command: ${name}\n` : "") + usage());
    return name === "help" || name === "--help" ? 0 : 2;
  }
  try {
    return await command.run(args);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n  npm run ob -- ${command.usage}\n`);
      return 2;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);

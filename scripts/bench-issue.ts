// `npm run bench:issue`: how fast credentials are signed and verified, next to the raw Ed25519
// rate of node:crypto measured in the same run. A benchmark, not a test.
//   npm run bench:issue -- --count 10000 --verify-count 2000 --workers 2
import { sign as ed25519Sign, verify as ed25519Verify } from "node:crypto";
import { availableParallelism, cpus } from "node:os";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import { importJWK, jwtVerify } from "jose";
import { sampleCredential, ISSUER_ID } from "@/lib/ob/build.samples";
import { fastEddsaRdfc2022 } from "@/lib/ob/canonize";
import { createDocumentLoader } from "@/lib/ob/document-loader";
import { ed25519PrivateKeyObject, ed25519PublicKeyObject, generateEd25519KeyPair, publicJwk, type SigningKey } from "@/lib/ob/keys";
import { addDataIntegrityProof, signCredentialJwt } from "@/lib/ob/sign";
import { signCredentialsInThread, SigningPool } from "@/lib/ob/sign-batch";

// A benchmark measures speed, not plan limits (lib/billing): issue without a quota.
process.env.SELF_HOSTED ??= "true";

function arg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

const COUNT = arg("count", 10_000);
const VERIFY_COUNT = arg("verify-count", 2_000);
const STOCK_COUNT = arg("stock-count", 300);
const WORKERS = arg("workers", Math.min(2, availableParallelism()));
// Fast rows are timed several times and the best run kept: other processes on the machine
// otherwise decide the figure.
const REPEAT = arg("repeat", 3);

// `cores` = process CPU time / wall time: with 2 workers it shows whether both cores were ours.
type Row = { what: string; n: number; seconds: number; cores?: number; note?: string };
const rows: Row[] = [];

async function measure(what: string, n: number, run: () => Promise<unknown> | unknown, note?: string, repeat = 1): Promise<Row> {
  let seconds = Infinity;
  let cores = 0;
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    await run();
    const wall = (performance.now() - start) / 1000;
    if (wall < seconds) {
      seconds = wall;
      const used = process.cpuUsage(cpu);
      cores = (used.user + used.system) / 1e6 / wall;
    }
  }
  const row = { what, n, seconds, cores, note: repeat > 1 ? [note, `best of ${repeat}`].filter(Boolean).join(", ") : note };
  rows.push(row);
  process.stderr.write(`  ${what}: ${Math.round(n / row.seconds).toLocaleString("en-US")}/s\n`);
  return row;
}

const rate = (row: Row) => row.n / row.seconds;
const fmt = (value: number) => Math.round(value).toLocaleString("en-US");

const key: SigningKey = { id: `${ISSUER_ID}#key-1`, controller: ISSUER_ID, ...generateEd25519KeyPair() };
const privateKeyObject = ed25519PrivateKeyObject(key.privateKey);
const publicKeyObject = ed25519PublicKeyObject(key.publicKey);

// Varied credentials: every one has its own id, recipient, salt and dates.
const credentials = Array.from({ length: COUNT }, (_, i) =>
  sampleCredential({
    id: `https://laurel.example/c/bench-${i.toString(36)}-${(i * 7919).toString(16)}`,
    recipient: { email: `learner.${i}@example.org`, salt: (i * 2654435761 >>> 0).toString(16), name: `Learner ${i}` },
    validFrom: new Date(Date.UTC(2025, 0, 1) + i * 60_000),
    validUntil: i % 2 ? new Date(Date.UTC(2029, 0, 1)) : undefined,
    narrative: i % 3 ? `Completed cohort ${i % 17}.` : undefined,
  }),
);
const payloadBytes = Buffer.byteLength(JSON.stringify(credentials[0]));
const message = Buffer.from("a small message to sign: 32 byte");

process.stderr.write(`Laurel issuance benchmark — ${COUNT.toLocaleString("en-US")} credentials (~${(payloadBytes / 1024).toFixed(1)} KB JSON each), ${cpus().length} CPUs, Node ${process.version}\n`);

// Warm up: JIT, jsonld's context cache, the canonicalisation template.
for (const credential of credentials.slice(0, 200)) {
  await addDataIntegrityProof(credential, key);
  await signCredentialJwt(credential, key);
}
for (let i = 0; i < 2000; i++) ed25519Sign(null, message, privateKeyObject);

process.stderr.write("Signing (calling thread, 1 core)\n");
const rawSign = await measure("raw Ed25519 sign (node:crypto, 32-byte message)", COUNT, () => {
  for (let i = 0; i < COUNT; i++) ed25519Sign(null, message, privateKeyObject);
}, undefined, REPEAT);
const bigMessage = Buffer.from(`eyJhbGciOiJFZERTQSJ9.${Buffer.from(JSON.stringify(credentials[0])).toString("base64url")}`);
await measure(`raw Ed25519 sign (${(bigMessage.length / 1024).toFixed(1)} KB message, a JWT's size)`, COUNT, () => {
  for (let i = 0; i < COUNT; i++) ed25519Sign(null, bigMessage, privateKeyObject);
}, undefined, REPEAT);
let jwts: string[] = [];
const jwtSign = await measure("VC-JWT sign", COUNT, async () => {
  jwts = [];
  for (const credential of credentials) jwts.push(await signCredentialJwt(credential, key));
}, undefined, REPEAT);
const signed: Array<Record<string, unknown>> = [];
const diSign = await measure("Data Integrity sign (eddsa-rdfc-2022, templated c14n)", COUNT, async () => {
  for (const credential of credentials) signed.push(await addDataIntegrityProof(credential, key));
});
await measure("Data Integrity sign (stock Digital Bazaar cryptosuite)", STOCK_COUNT, async () => {
  const suite = (created: Date) =>
    new DataIntegrityProof({ signer: { id: key.id, algorithm: "Ed25519", sign: async ({ data }: { data: Uint8Array }) => ed25519Sign(null, data, privateKeyObject) }, cryptosuite: eddsaRdfc2022, date: created });
  const loader = createDocumentLoader();
  for (const credential of credentials.slice(0, STOCK_COUNT)) {
    await suite(new Date()).createProof({ document: credential, purpose: { term: "assertionMethod", update: async (proof: Record<string, unknown>) => ({ ...proof, proofPurpose: "assertionMethod" }) }, proofSet: [], documentLoader: loader });
  }
}, `sample of ${STOCK_COUNT}`);
const bothInThread = await measure("both proofs", COUNT, () => signCredentialsInThread(credentials, key));

process.stderr.write(`Signing (${WORKERS} worker threads)\n`);
const poolStart = performance.now();
const pool = await SigningPool.start(WORKERS);
const poolStartSeconds = (performance.now() - poolStart) / 1000;
await pool.sign(credentials.slice(0, 100 * WORKERS), key, { chunkSize: 25 }); // warm up each worker
let jwtPool: Row, diPool: Row, bothPool: Row;
try {
  jwtPool = await measure(`VC-JWT sign, ${WORKERS} workers`, COUNT, () => pool.sign(credentials, key, { proofs: "jwt", chunkSize: 250 }), undefined, REPEAT);
  diPool = await measure(`Data Integrity sign, ${WORKERS} workers`, COUNT, () => pool.sign(credentials, key, { proofs: "dataIntegrity" }));
  bothPool = await measure(`both proofs, ${WORKERS} workers`, COUNT, () => pool.sign(credentials, key));
} finally {
  await pool.close();
}
const oneOffStart = performance.now();
const oneOffCpu = process.cpuUsage();
{
  const oneOff = await SigningPool.start(WORKERS);
  try {
    await oneOff.sign(credentials, key);
  } finally {
    await oneOff.close();
  }
}
const oneOffSeconds = (performance.now() - oneOffStart) / 1000;
const oneOffUsed = process.cpuUsage(oneOffCpu);
rows.push({ what: `both proofs, ${WORKERS} workers, including worker start-up`, n: COUNT, seconds: oneOffSeconds, cores: (oneOffUsed.user + oneOffUsed.system) / 1e6 / oneOffSeconds });

process.stderr.write("Verifying (calling thread, 1 core)\n");
const messages = Array.from({ length: 1000 }, (_, i) => Buffer.from(`${message}${i}`));
const signatures = messages.map((m) => ed25519Sign(null, m, privateKeyObject));
const rawVerify = await measure("raw Ed25519 verify (node:crypto, 32-byte message)", COUNT, () => {
  for (let i = 0; i < COUNT; i++) if (!ed25519Verify(null, messages[i % 1000], publicKeyObject, signatures[i % 1000])) throw new Error("raw verify failed");
}, undefined, REPEAT);
const jwk = await importJWK(publicJwk(key.publicKey), "EdDSA");
await measure("VC-JWT verify (jose jwtVerify)", COUNT, async () => {
  for (const jwt of jwts) await jwtVerify(jwt, jwk, { algorithms: ["EdDSA"], currentDate: new Date("2026-01-01T00:00:00Z") });
}, undefined, REPEAT);
const documentLoader = createDocumentLoader({ keys: [key] });
const checkStatus = async () => ({ verified: true });
const verifyWith = (cryptosuite: object, n: number) => async () => {
  const suite = new DataIntegrityProof({ cryptosuite });
  for (const credential of signed.slice(0, n)) {
    const result = await vc.verifyCredential({ credential, suite, documentLoader, checkStatus });
    if (!result.verified) throw new Error(`Data Integrity verification failed: ${result.error?.message}`);
  }
};
await measure("Data Integrity verify (@digitalbazaar/vc, templated c14n)", Math.min(VERIFY_COUNT, COUNT), verifyWith(fastEddsaRdfc2022, Math.min(VERIFY_COUNT, COUNT)));
await measure("Data Integrity verify (@digitalbazaar/vc, stock cryptosuite)", Math.min(STOCK_COUNT, COUNT), verifyWith(eddsaRdfc2022, Math.min(STOCK_COUNT, COUNT)), `sample of ${Math.min(STOCK_COUNT, COUNT)}`);

// --- report ------------------------------------------------------------------------------------
const table = rows.map((row) => ({
  what: row.what,
  n: fmt(row.n),
  seconds: row.seconds.toFixed(2),
  rate: fmt(rate(row)),
  cores: row.cores === undefined ? "" : row.cores.toFixed(2),
  vsRaw: row.what.includes("verify") ? `${((rate(row) / rate(rawVerify)) * 100).toFixed(1)}%` : `${((rate(row) / rate(rawSign)) * 100).toFixed(1)}%`,
  note: row.note ?? "",
}));
const headers = ["", "count", "seconds", "per second", "vs raw Ed25519 (1 core)", "cores busy", "note"];
const cells = table.map((t) => [t.what, t.n, t.seconds, t.rate, t.vsRaw, t.cores, t.note]);
const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
const line = (values: string[]) => values.map((v, i) => (i === 0 || i === 6 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join("  ");

console.log("");
console.log(line(headers));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const c of cells) console.log(line(c));
console.log("");
console.log(`Worker pool start-up: ${poolStartSeconds.toFixed(2)} s for ${WORKERS} workers. "cores busy" = this process's CPU time / wall time: with ${WORKERS} workers, well below ${WORKERS} means other processes held the cores.`);
const jwtShare = rate(jwtSign) / rate(rawSign);
const jwtPoolShare = rate(jwtPool) / rate(rawSign);
console.log(`Target "JWT signing >= 50% of the raw rate": ${(jwtShare * 100).toFixed(0)}% on one core, ${(jwtPoolShare * 100).toFixed(0)}% with ${WORKERS} workers.`);
const best = Math.min(bothInThread.seconds, bothPool.seconds, oneOffSeconds);
console.log(`Target "${COUNT.toLocaleString("en-US")} credentials with both proofs in under 20 s": ${bothInThread.seconds.toFixed(1)} s on one core, ${oneOffSeconds.toFixed(1)} s with ${WORKERS} workers including start-up — ${best < 20 ? "met" : "NOT met"}.`);
console.log(`Data Integrity signing: ${(rate(diSign) / rate(rows.find((r) => r.what.startsWith("Data Integrity sign (stock"))!)).toFixed(1)}x the stock cryptosuite on one core; ${fmt(rate(diPool))}/s with ${WORKERS} workers.`);
console.log("");
console.log("Markdown:");
console.log("");
console.log(`| ${headers.join(" | ")} |`);
console.log(`| ${headers.map((_, i) => (i === 0 || i === 6 ? "---" : "---:")).join(" | ")} |`);
for (const c of cells) console.log(`| ${c.join(" | ")} |`);

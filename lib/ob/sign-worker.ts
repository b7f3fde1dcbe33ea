// Worker thread of SigningPool: signs the chunks it is sent and answers with the results.
import { parentPort } from "node:worker_threads";
import type { SignJob, SignJobResult, SignWorkerMessage } from "./sign-batch";
import { addDataIntegrityProof, signCredentialJwt } from "./sign";

async function run(job: SignJob): Promise<SignJobResult> {
  const created = job.created === undefined ? undefined : new Date(job.created);
  const results: NonNullable<SignJobResult["results"]> = [];
  for (const credential of job.credentials) {
    results.push({
      credential: job.dataIntegrity ? await addDataIntegrityProof(credential, job.key, { created }) : undefined,
      jwt: job.jwt ? await signCredentialJwt(credential, job.key) : undefined,
    });
  }
  return { id: job.id, results };
}

parentPort?.on("message", (job: SignJob) => {
  run(job).then(
    (result) => parentPort?.postMessage(result),
    (error: unknown) => parentPort?.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) } satisfies SignJobResult),
  );
});

// Modules are loaded: the pool can send work.
parentPort?.postMessage({ ready: true } satisfies SignWorkerMessage);

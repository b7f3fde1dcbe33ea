// The Redis the tests use: TEST_REDIS_URL when set; otherwise the local server on 127.0.0.1:6379,
// started when it is not running (`redis-server`, keeping nothing on disk), and Debian's
// `redis-server` package installed first when the binary is missing and this runs as root.
// Only the shared-cache tests need it; each uses keys under a prefix of its own.
import { execFileSync, spawnSync } from "node:child_process";
import net from "node:net";

export const LOCAL_REDIS_URL = "redis://127.0.0.1:6379";

/** Whether something answers PING with PONG at host:port. */
function pong(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let answer = "";
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.on("error", () => done(false));
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (chunk) => {
      answer += chunk.toString();
      if (answer.includes("\r\n")) done(answer.startsWith("+PONG"));
    });
  });
}

function which(command) {
  return spawnSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" }).stdout.trim() || null;
}

function installRedis() {
  if (process.getuid?.() !== 0 || !which("apt-get")) return false;
  console.log("Installing Debian's redis-server package for the shared-cache tests...");
  execFileSync("apt-get", ["install", "-y", "--no-install-recommends", "redis-server"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  return Boolean(which("redis-server"));
}

/** Returns a Redis URL that answers, starting (and installing) the local server when needed. */
export async function ensureRedis(env = process.env) {
  if (env.TEST_REDIS_URL) return env.TEST_REDIS_URL;
  if (await pong("127.0.0.1", 6379)) return LOCAL_REDIS_URL;
  if (!which("redis-server") && !installRedis()) {
    throw new Error("The shared-cache tests need Redis: none answers on 127.0.0.1:6379 and redis-server is not installed (Debian/Ubuntu: apt-get install redis-server).");
  }
  console.log("Starting redis-server on 127.0.0.1:6379...");
  execFileSync("redis-server", ["--daemonize", "yes", "--bind", "127.0.0.1", "--port", "6379", "--save", "", "--appendonly", "no"], { stdio: "inherit" });
  for (let attempt = 0; attempt < 50; attempt++) {
    if (await pong("127.0.0.1", 6379)) return LOCAL_REDIS_URL;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("redis-server was started but does not answer on 127.0.0.1:6379.");
}

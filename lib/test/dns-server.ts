import dns2 from "dns2";

type Answer = { type: "TXT"; data: string[] } | { type: "CNAME"; domain: string };

/**
 * An authoritative DNS server on loopback (UDP) for tests: a zone the test edits, answering
 * NXDOMAIN for a name it lacks. Point Node's resolver at `server` (host:port).
 */
export async function startTestDnsServer() {
  const zone = new Map<string, Answer[]>();
  const { Packet } = dns2;
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      const name = question.name.toLowerCase().replace(/\.$/, "");
      const wanted = question.type === Packet.TYPE.TXT ? "TXT" : question.type === Packet.TYPE.CNAME ? "CNAME" : null;
      if (!zone.has(name)) response.header.rcode = 3; // NXDOMAIN
      // As a recursive resolver answers: a CNAME, then (for another type) its target's records.
      let owner = name;
      for (let hops = 0; hops < 8 && zone.has(owner); hops++) {
        const answers = zone.get(owner)!;
        const alias = answers.find((answer) => answer.type === "CNAME");
        for (const answer of alias ? [alias] : answers.filter((answer) => answer.type === wanted)) {
          // dns2's types want a decoded Resource; its encoder takes these plain records.
          type Record = (typeof response.answers)[number];
          const record = answer.type === "TXT" ? { type: Packet.TYPE.TXT, data: answer.data } : { type: Packet.TYPE.CNAME, domain: answer.domain };
          response.answers.push({ name: owner, class: Packet.CLASS.IN, ttl: 60, ...record } as unknown as Record);
        }
        if (!alias || wanted === "CNAME") break;
        owner = alias.domain.toLowerCase().replace(/\.$/, "");
      }
      send(response);
    },
  });
  const listening = await server.listen({ udp: { port: 0, address: "127.0.0.1" } });
  const port = (listening.udp as { port: number }).port;
  return {
    server: `127.0.0.1:${port}`,
    /** Publishes a TXT record; a value over 255 bytes is split into strings as DNS providers do. */
    txt(name: string, value: string) {
      const chunks = value.match(/.{1,255}/g) ?? [""];
      zone.set(name.toLowerCase(), [...(zone.get(name.toLowerCase()) ?? []), { type: "TXT", data: chunks }]);
    },
    cname(name: string, target: string) {
      zone.set(name.toLowerCase(), [{ type: "CNAME", domain: target }]);
    },
    remove(name: string) {
      zone.delete(name.toLowerCase());
    },
    close: () => server.close(),
  };
}

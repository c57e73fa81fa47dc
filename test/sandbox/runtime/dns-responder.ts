// The cluster DNS (kube-dns at NetworkPlan.dnsIP): A records for Services and pods in the
// cluster domain, NXDOMAIN for other names in it, REFUSED for everything else (no forwarding:
// the sandbox never talks to the internet).
import * as dnsPacket from 'dns-packet';
import type { ProxiedService } from './service-table';

const rcodeNxDomain = 3;
const rcodeRefused = 5;

export class DnsResponder {
  private records = new Map<string, string>();

  constructor(private readonly clusterDomain: string) {}

  setServices(services: ProxiedService[]): void {
    this.records = new Map(
      services.map((s) => [
        `${s.name}.${s.namespace}.svc.${this.clusterDomain}`.toLowerCase(),
        s.clusterIP,
      ]),
    );
  }

  /** IPv4 address for a name, 'nxdomain' in the cluster domain, 'refused' outside it. */
  lookup(rawName: string): string | 'nxdomain' | 'refused' {
    const name = rawName.toLowerCase().replace(/\.$/, '');
    const domain = this.clusterDomain.toLowerCase();
    if (name !== domain && !name.endsWith(`.${domain}`)) return 'refused';
    const service = this.records.get(name);
    if (service) return service;
    // <a-b-c-d>.<namespace>.pod.<domain>, as CoreDNS's "pods insecure" answers.
    const pod = new RegExp(
      `^(\\d+)-(\\d+)-(\\d+)-(\\d+)\\.[^.]+\\.pod\\.${domain.replaceAll('.', '\\.')}$`,
    ).exec(name);
    if (pod) return pod.slice(1, 5).join('.');
    return 'nxdomain';
  }

  answer(query: Buffer): Buffer | undefined {
    let request: dnsPacket.Packet;
    try {
      request = dnsPacket.decode(query);
    } catch {
      return undefined;
    }
    const question = request.questions?.[0];
    const recursionDesired = (request.flags ?? 0) & dnsPacket.RECURSION_DESIRED;
    let flags = dnsPacket.AUTHORITATIVE_ANSWER | recursionDesired;
    const answers: dnsPacket.Answer[] = [];
    if (question) {
      const found = this.lookup(question.name);
      if (found === 'refused') flags = recursionDesired | rcodeRefused;
      else if (found === 'nxdomain') flags |= rcodeNxDomain;
      else if (question.type === 'A')
        answers.push({ type: 'A', name: question.name, ttl: 30, data: found });
    }
    return dnsPacket.encode({
      type: 'response',
      id: request.id ?? 0,
      flags,
      questions: request.questions ?? [],
      answers,
    });
  }
}

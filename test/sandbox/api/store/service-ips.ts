// ClusterIP allocation from the service CIDR (NetworkPlan.serviceCidr).
import { SandboxApiError } from '../../contracts';

const toInt = (ip: string): number => ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
const toIp = (n: number): string =>
  [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');

export class ServiceIpAllocator {
  private readonly base: number;
  private readonly size: number;
  private readonly used = new Set<string>();

  constructor(cidr: string, reserved: string[] = []) {
    const [ip = '0.0.0.0', bits = '24'] = cidr.split('/');
    this.size = 2 ** (32 - Number(bits));
    this.base = toInt(ip) - (toInt(ip) % this.size);
    reserved.forEach((r) => this.used.add(r));
  }

  /** Marks an explicitly requested IP as taken; 422-style error if it is taken or outside. */
  claim(ip: string): void {
    const n = toInt(ip);
    if (n <= this.base || n >= this.base + this.size - 1) {
      throw new SandboxApiError(
        422,
        'Invalid',
        `spec.clusterIPs: Invalid value: ["${ip}"]: failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range`,
      );
    }
    if (this.used.has(ip)) {
      throw new SandboxApiError(
        422,
        'Invalid',
        `spec.clusterIPs: Invalid value: ["${ip}"]: failed to allocate IP ${ip}: provided IP is already allocated`,
      );
    }
    this.used.add(ip);
  }

  allocate(): string {
    for (let offset = 1; offset < this.size - 1; offset++) {
      const ip = toIp(this.base + offset);
      if (!this.used.has(ip)) {
        this.used.add(ip);
        return ip;
      }
    }
    throw new SandboxApiError(
      500,
      'InternalError',
      'Internal error occurred: failed to allocate a serviceIP: range is full',
    );
  }

  release(ip: string): void {
    this.used.delete(ip);
  }
}

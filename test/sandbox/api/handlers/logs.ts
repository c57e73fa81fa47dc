// GET pods/log: the kubelet's log stream as text/plain, chunked while following.
import type { LogRequest } from '../../contracts';
import { SandboxApiError } from '../../contracts';
import type { RequestContext } from '../http/context';
import { queryFlag } from '../http/respond';
import { errors } from '../status';

const optionalInt = (url: URL, name: string): number | undefined => {
  const v = url.searchParams.get(name);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw errors.badRequest(`invalid ${name}: ${v}`);
  return n;
};

export async function streamLogs(ctx: RequestContext): Promise<void> {
  const { url, server, res, req } = ctx;
  const pod = server.state.pods.get(ctx.info.namespace, ctx.info.name);
  if (!pod) throw errors.notFound('pods', ctx.info.name);
  const names = pod.spec.containers.map((c) => c.name);
  const all = [...names, ...(pod.spec.initContainers ?? []).map((c) => c.name)];
  let container = url.searchParams.get('container') ?? '';
  if (!container) {
    if (names.length !== 1) {
      throw errors.badRequest(
        `a container name must be specified for pod ${pod.metadata.name}, choose one of: [${names.join(' ')}]`,
      );
    }
    container = names[0] ?? '';
  } else if (!all.includes(container)) {
    throw errors.badRequest(`container ${container} is not valid for pod ${pod.metadata.name}`);
  }
  if (!pod.spec.nodeName)
    throw new SandboxApiError(
      400,
      'BadRequest',
      `pod ${pod.metadata.name} does not have a host assigned`,
    );
  const request: LogRequest = {
    container,
    follow: queryFlag(url, 'follow'),
    previous: queryFlag(url, 'previous'),
    timestamps: queryFlag(url, 'timestamps'),
    tailLines: optionalInt(url, 'tailLines'),
    sinceSeconds: optionalInt(url, 'sinceSeconds'),
    limitBytes: optionalInt(url, 'limitBytes'),
  };
  // As ValidatePodLogOptions: a 422 rather than a silently empty or oddly cut log.
  const causes = (
    [
      ['tailLines', request.tailLines, 0, 'must be greater than or equal to 0'],
      ['limitBytes', request.limitBytes, 1, 'must be greater than 0'],
      ['sinceSeconds', request.sinceSeconds, 1, 'must be greater than 0'],
    ] as const
  )
    .filter(([, value, min]) => value !== undefined && value < min)
    .map(([field, value, , why]) => ({
      field,
      type: 'FieldValueInvalid',
      detail: `Invalid value: ${value}: ${why}`,
    }));
  if (causes.length) throw errors.invalid('PodLogOptions', pod.metadata.name, causes);
  const stream = await server.kubelet.logs(pod, request);
  res.writeHead(200, {
    'Content-Type': 'text/plain',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  res.flushHeaders();
  const stop = (): void => {
    stream.destroy();
  };
  req.on('close', stop);
  res.on('close', stop);
  stream.on('error', () => res.end());
  stream.pipe(res);
}

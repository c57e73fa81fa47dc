// One request in: health and version (no auth), then bearer auth, then non-resource paths
// (discovery, OpenAPI, faults), then RBAC and the resource handlers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SandboxApiError, type Faults } from '../../contracts';
import { execUpgradeRequired } from '../exec';
import { createAccessReview, createRulesReview } from '../handlers/access-reviews';
import { streamLogs } from '../handlers/logs';
import {
  createNamespace,
  deleteNamespace,
  patchNamespace,
  updateNamespace,
} from '../handlers/namespaces';
import { createPod, deletePod, getPod, patchPod, updatePod } from '../handlers/pods';
import { createService, deleteService } from '../handlers/services';
import { errors } from '../status';
import type { Authenticator } from './auth';
import type { RequestContext, ServerContext } from './context';
import {
  apiGroupList,
  apiVersions,
  authorizationGroup,
  authorizationGroupDoc,
  authorizationResourceList,
  coreResourceList,
  versionInfo,
} from './discovery';
import { handleFaultRequest } from './fault-endpoint';
import { handleList } from './list';
import { openApiV3CoreV1, openApiV3Root } from './openapi';
import { allows, allowsNonResource, forbiddenMessage } from './rbac';
import { requestInfo } from './request-info';
import { resourceByName } from './resources';
import { sendError, sendJson } from './respond';
import { sendObject } from './send-object';
import { handleWatch } from './watch';

export interface Router {
  handle(req: IncomingMessage, res: ServerResponse): void;
}

const healthPaths = new Set(['/healthz', '/livez', '/readyz']);

export function createRouter(
  server: ServerContext,
  auth: Authenticator,
  faults: Faults,
  serverAddress: () => string,
): Router {
  const nonResource = (path: string): unknown => {
    switch (path) {
      case '/api':
        return apiVersions(serverAddress());
      case '/api/v1':
        return coreResourceList();
      case '/apis':
        return apiGroupList();
      case `/apis/${authorizationGroup}`:
        return authorizationGroupDoc();
      case `/apis/${authorizationGroup}/v1`:
        return authorizationResourceList();
      case '/openapi/v3':
        return openApiV3Root();
      case '/openapi/v3/api/v1':
        return openApiV3CoreV1();
      default:
        return undefined;
    }
  };

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://sandbox.invalid');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (healthPaths.has(path)) {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('ok');
      return;
    }
    if (path === '/version') return sendJson(res, 200, versionInfo());
    const user = auth.authenticate(req);
    if (!user) throw errors.unauthorized();
    if (path.startsWith('/_sandbox/faults/'))
      return handleFaultRequest(req, res, user, path.slice('/_sandbox/faults/'.length), faults);

    const info = requestInfo(req.method ?? 'GET', url);
    if (!info.isResource) {
      if (!user.groups.includes('system:masters') && !allowsNonResource(user, info.verb)) {
        throw new SandboxApiError(403, 'Forbidden', `forbidden: ${forbiddenMessage(user, info)}`);
      }
      const doc = nonResource(path);
      if (doc === undefined) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('404 page not found\n');
        return;
      }
      return sendJson(res, 200, doc);
    }

    const selfReview = info.apiGroup === authorizationGroup && info.verb === 'create';
    if (!selfReview && !allows(user, info)) {
      throw errors.forbidden(info.resource, info.name, forbiddenMessage(user, info), info.apiGroup);
    }
    const ctx: RequestContext = { server, req, res, url, info, user };
    if (info.apiVersion !== 'v1') throw errors.notFoundPath();
    if (info.apiGroup === authorizationGroup) {
      if (info.resource === 'selfsubjectaccessreviews' && info.verb === 'create')
        return createAccessReview(ctx);
      if (info.resource === 'selfsubjectrulesreviews' && info.verb === 'create')
        return createRulesReview(ctx);
      throw errors.notFoundPath();
    }
    if (info.apiGroup !== '') throw errors.notFoundPath();
    return coreResource(ctx);
  }

  async function coreResource(ctx: RequestContext): Promise<void> {
    const { info, server: s } = ctx;
    const def = resourceByName.get(info.resource);
    if (!def) throw errors.notFoundPath();
    if (!def.namespaced && info.namespace && info.resource !== 'namespaces')
      throw errors.notFoundPath();
    const key = `${info.resource}/${info.subresource}:${info.verb}`;
    switch (key) {
      case 'pods/:create':
        return createPod(ctx);
      case 'pods/:get':
      case 'pods/status:get':
        return getPod(ctx);
      case 'pods/:delete':
        return deletePod(ctx);
      case 'pods/:patch':
        return patchPod(ctx);
      case 'pods/:update':
        return updatePod(ctx);
      case 'pods/log:get':
        return streamLogs(ctx);
      case 'pods/exec:get':
      case 'pods/exec:create':
        if (!s.state.pods.get(info.namespace, info.name)) throw errors.notFound('pods', info.name);
        throw execUpgradeRequired();
      case 'namespaces/:create':
        return createNamespace(ctx);
      case 'namespaces/:patch':
        return patchNamespace(ctx);
      case 'namespaces/:update':
        return updateNamespace(ctx);
      case 'namespaces/:delete':
        return deleteNamespace(ctx);
      case 'services/:create':
        return createService(ctx);
      case 'services/:delete':
        return deleteService(ctx);
    }
    if (info.verb === 'list') return handleList(ctx, def);
    if (info.verb === 'watch') return handleWatch(ctx, def);
    if (info.verb === 'get' && (info.subresource === '' || info.subresource === 'status')) {
      const obj = def.store(s.state).get(def.namespaced ? info.namespace : '', info.name);
      if (!obj) throw errors.notFound(def.name, info.name);
      return sendObject(ctx, def.name, obj);
    }
    throw errors.methodNotAllowed();
  }

  return {
    handle(req, res) {
      route(req, res).catch((err: unknown) => sendError(res, err));
    },
  };
}

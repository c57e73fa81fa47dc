// Turns what a request to a cluster can fail with (socket and TLS errors, HTTP Status answers,
// exec plugin failures) into a SnoopyError that says what happened and what to do about it.
// Messages name the server, the user, the verb and the resource; never a credential.
import { SnoopyError, isSnoopyError, redactText, toSnoopyError } from '../errors';
import { CredentialError, KubeHttpError } from './client/kube-http-error';
import { execPluginFailed, type NamedUser } from './kubeconfig/index';

/** Which cluster a request went to, and as whom: what the messages need to be useful. */
export interface KubeTarget {
  context: string;
  server: string;
  /** The context's user, undefined when anonymous. */
  user: NamedUser | undefined;
}

const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused (nothing listens there)',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved (DNS failure)',
  ETIMEDOUT: 'the connection timed out',
  ECONNRESET: 'the connection was reset',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  EPIPE: 'the connection was closed',
  ECONNABORTED: 'the connection was aborted',
  ERR_SOCKET_CONNECTION_TIMEOUT: 'the connection timed out',
};

// Node's (OpenSSL's) verification codes, with what each means for the user.
const TLS: Record<string, { why: string; fix: string }> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: {
    why: 'the server presents a self-signed certificate that is not trusted',
    fix: 'Set certificate-authority (or certificate-authority-data) of the cluster in the kubeconfig to the CA that signed the server certificate',
  },
  SELF_SIGNED_CERT_IN_CHAIN: {
    why: 'the server certificate is signed by a CA that the kubeconfig does not trust (unknown CA)',
    fix: 'Set certificate-authority-data of the cluster to the cluster CA (e.g. fetch the kubeconfig again with your cloud CLI)',
  },
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: {
    why: 'the server certificate is signed by an unknown CA',
    fix: 'Set certificate-authority-data of the cluster to the cluster CA (e.g. fetch the kubeconfig again with your cloud CLI)',
  },
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: {
    why: 'the server certificate is signed by an unknown CA',
    fix: 'Set certificate-authority-data of the cluster to the cluster CA (e.g. fetch the kubeconfig again with your cloud CLI)',
  },
  UNABLE_TO_GET_ISSUER_CERT: {
    why: 'the issuer of the server certificate is unknown',
    fix: 'Set certificate-authority-data of the cluster to the full CA chain',
  },
  CERT_SIGNATURE_FAILURE: {
    why: 'the server certificate was not signed by the CA in the kubeconfig (wrong CA)',
    fix: 'Set certificate-authority-data of the cluster to the CA of this cluster (the kubeconfig may be for an older cluster)',
  },
  CERT_HAS_EXPIRED: {
    why: 'the server certificate has expired',
    fix: "Ask the cluster's administrator to renew the API server certificate",
  },
  CERT_NOT_YET_VALID: {
    why: 'the server certificate is not valid yet (check this machine’s clock)',
    fix: 'Correct the system clock, or ask the administrator to check the certificate',
  },
  ERR_TLS_CERT_ALTNAME_INVALID: {
    why: 'the server certificate is not valid for this host name (hostname mismatch)',
    fix: 'Use a server URL whose host the certificate names, or set tls-server-name of the cluster to a name it does',
  },
  ERR_SSL_WRONG_VERSION_NUMBER: {
    why: 'the server does not speak TLS on this port',
    fix: 'Check the server URL (https:// and the port of the API server)',
  },
};

const NOT_RECOMMENDED =
  ' (insecure-skip-tls-verify would hide the problem and is not recommended).';

export function kubeError(err: unknown, target: KubeTarget): SnoopyError {
  if (isSnoopyError(err)) return err;
  if (err instanceof CredentialError) return credentialError(err, target);
  if (err instanceof KubeHttpError) return httpError(err, target);
  const code = errorCode(err);
  if (code !== undefined && UNREACHABLE[code] !== undefined) {
    return new SnoopyError(
      'CLUSTER_UNREACHABLE',
      `cannot reach the API server ${target.server} of context "${target.context}": ${UNREACHABLE[code]} (${code})`,
      'Check that the cluster is running and reachable from this machine (VPN, firewall, HTTPS_PROXY/NO_PROXY or the cluster’s proxy-url), and that the server URL in the kubeconfig is right.',
      { details: { context: target.context, server: target.server, errno: code }, cause: err },
    );
  }
  const tls = code !== undefined ? TLS[code] : undefined;
  if (code !== undefined && tls !== undefined) {
    return new SnoopyError(
      'TLS_FAILED',
      `TLS with ${target.server} (context "${target.context}") failed: ${tls.why} (${code})`,
      `${tls.fix}${NOT_RECOMMENDED}`,
      { details: { context: target.context, server: target.server, tls: code }, cause: err },
    );
  }
  return toSnoopyError(err);
}

function errorCode(err: unknown): string | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const { code, cause } = err as { code?: unknown; cause?: unknown };
  if (typeof code === 'string') return code;
  return cause === undefined ? undefined : errorCode(cause);
}

function credentialError(err: CredentialError, target: KubeTarget): SnoopyError {
  const user = target.user;
  if (user?.user.exec) return execPluginFailed(user, err.cause);
  const reason = redactText(err.message);
  return new SnoopyError(
    'UNAUTHORIZED',
    `cannot prepare the credentials of user "${user?.name ?? ''}" (context "${target.context}"): ${reason}`,
    'Check the user entry of the kubeconfig (token file, client certificate and key paths).',
    { details: { context: target.context, user: user?.name ?? '' }, cause: err },
  );
}

function httpError(err: KubeHttpError, target: KubeTarget): SnoopyError {
  const serverSays = err.status?.message
    ? redactText(err.status.message)
    : `HTTP ${err.statusCode}`;
  const details = {
    context: target.context,
    server: target.server,
    httpStatus: err.statusCode,
    ...(err.status?.reason ? { reason: err.status.reason } : {}),
  };
  switch (err.statusCode) {
    case 401:
      return unauthorized(target, details, err);
    case 403:
      return rbacDenied(serverSays, target, details, err);
    case 404:
      return new SnoopyError(
        'NOT_FOUND',
        serverSays,
        'It may have just been deleted: refresh the list.',
        {
          details,
          cause: err,
        },
      );
    case 400:
    case 422:
      return new SnoopyError(
        'INVALID_INPUT',
        `the API server rejected the request: ${serverSays}`,
        'Correct the value (a label selector is written like `app=web,tier!=db` or `env in (prod,staging)`).',
        { details, cause: err },
      );
    default:
      return new SnoopyError(
        'CLUSTER_UNREACHABLE',
        `the API server ${target.server} answered ${err.statusCode}: ${serverSays}`,
        err.statusCode === 429 || err.statusCode >= 500
          ? 'The control plane is overloaded or failing; Snoopy retries. If it lasts, check the cluster’s health.'
          : 'Check the server URL in the kubeconfig and any proxy in between.',
        { details, cause: err },
      );
  }
}

function unauthorized(
  target: KubeTarget,
  details: Record<string, string | number>,
  err: KubeHttpError,
): SnoopyError {
  const user = target.user;
  const name = user?.name ?? '';
  const exec = user?.user.exec;
  const message = `the API server ${target.server} rejected the credentials of user "${name}" (context "${target.context}"): 401 Unauthorized — they are expired or invalid`;
  let fix: string;
  if (exec) {
    fix = `Log in again so that the credential plugin "${exec.command}" returns a valid token (e.g. \`aws sso login\`, \`gcloud auth login\`, \`kubelogin\`), then retry.`;
  } else if (user?.user.token || user?.user.tokenFile) {
    fix = `The token of user "${name}" is expired or revoked: get a new one (re-run your cloud CLI's get-credentials command or ask your administrator) and update the kubeconfig.`;
  } else if (user?.user['client-certificate'] || user?.user['client-certificate-data']) {
    fix = `The client certificate of user "${name}" is expired or not trusted by this cluster: get a new one and update the kubeconfig.`;
  } else {
    fix = `Log in again (your cloud CLI refreshes the kubeconfig), or check user "${name}" in the kubeconfig.`;
  }
  return new SnoopyError('UNAUTHORIZED', message, fix, { details, cause: err });
}

// The authorizer's sentence: User "x" cannot list resource "pods" in API group "" in the namespace "shop"
const FORBIDDEN =
  /cannot (\S+) resource "([^"]+)"(?: in API group "([^"]*)")?(?: in the namespace "([^"]+)"| at the cluster scope)?/;

function rbacDenied(
  serverSays: string,
  target: KubeTarget,
  details: Record<string, string | number>,
  err: KubeHttpError,
): SnoopyError {
  const m = FORBIDDEN.exec(serverSays);
  if (!m) {
    return new SnoopyError(
      'RBAC_DENIED',
      `forbidden: ${serverSays}`,
      'Ask your cluster administrator for the permission named above, or use a context that has it.',
      { details, cause: err },
    );
  }
  const [, verb = '', resource = '', group = '', namespace] = m;
  const where = namespace ? `in namespace ${namespace}` : 'at the cluster scope (all namespaces)';
  const apiGroup = group ? ` (API group ${group})` : '';
  const verbs = verb === 'list' || verb === 'watch' ? 'list/watch' : verb;
  const grant = namespace
    ? `ask for a Role in ${namespace} (and RoleBinding) granting ${verbs} on ${resource}`
    : `ask for a ClusterRole (and ClusterRoleBinding) granting ${verbs} on ${resource}${resource === 'pods' ? ', or pick the namespaces you may read instead of all' : ''}`;
  return new SnoopyError(
    'RBAC_DENIED',
    `you may not ${verb} ${resource}${apiGroup} ${where} (user "${target.user?.name ?? ''}", context "${target.context}")`,
    `${grant[0]?.toUpperCase() ?? ''}${grant.slice(1)}.`,
    {
      details: { ...details, verb, resource, ...(namespace ? { namespace } : {}) },
      cause: err,
    },
  );
}

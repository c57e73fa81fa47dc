// The `pods/exec` endpoint of the sandbox API server: the Kubernetes remotecommand WebSocket
// protocol (v5 through the API server's translator; v4, channel.k8s.io and base64 variants as
// the kubelet answers them), between the router and the kubelet's ExecProcess.
//
// How the router calls it, for GET or POST .../pods/{name}/exec:
// - a request WITHOUT upgrade headers: answer `execUpgradeRequired()` (400, as the real server);
// - an 'upgrade' event (WebSocket or SPDY alike): authenticate, authorize `create pods/exec`,
//   fetch the pod (404 if none), then `parseExecQuery(url, pod)`; a SandboxApiError goes back as
//   an HTTP Status on the socket (kubectl then retries over SPDY, meets the same error and prints
//   it, as against a real cluster); otherwise `await handleExecUpgrade(req, socket, head, ctx)`,
//   which answers everything else itself, never throws, and resolves once the request is
//   answered (the session then runs on its own).
// - faults: `registry.severAll(target)` cuts live sessions without a close frame.
export { parseExecQuery } from './query';
export { handleExecUpgrade, type ExecUpgradeContext } from './upgrade';
export { createExecRegistry, type ExecRegistry, type ExecTarget } from './registry';
export { execUpgradeRequired } from './errors';
